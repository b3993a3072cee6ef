using System.IO.Compression;
using GoDocker.Core.Hashing;
using GoDocker.Core.Modules;
using GoDocker.Core.ModuleZip;

namespace GoDocker.Core.Tests.ModuleZip;

/// <summary>Every txtar case of x/mod's zip/testdata.</summary>
public class ModuleZipCaseTests
{
    public static TheoryData<string> CreateCases => ZipTestData.Cases("create");
    public static TheoryData<string> CreateFromDirCases => ZipTestData.Cases("create_from_dir");
    public static TheoryData<string> UnzipCases => ZipTestData.Cases("unzip");
    public static TheoryData<string> CheckFilesCases => ZipTestData.Cases("check_files");
    public static TheoryData<string> CheckDirCases => ZipTestData.Cases("check_dir");
    public static TheoryData<string> CheckZipCases => ZipTestData.Cases("check_zip");

    private static ModuleVersion ModuleOf(Dictionary<string, string> header) => new(header["path"], header["version"]);

    private static async Task AssertOutcome(Dictionary<string, string> header, Func<Task<string>> run)
    {
        if (header.TryGetValue("wantErr", out var wantErr))
        {
            var e = await Assert.ThrowsAnyAsync<ModuleException>(run);
            Assert.Contains(wantErr, e.Message);
        }
        else
        {
            Assert.Equal(header["hash"], await run());
        }
    }

    [Theory]
    [MemberData(nameof(CreateCases))]
    public async Task Create_makes_the_zip_the_go_command_hashes(string file)
    {
        var archive = ZipTestData.Load("create", file);
        var header = archive.Header();
        using var tmp = new ZipTestData.TempDir();
        var zipPath = Path.Combine(tmp.Path, "m.zip");
        await AssertOutcome(header, async () =>
        {
            var files = archive.Files.Select(f => (IModuleFile)new MemoryModuleFile(f.Name, f.Data)).ToList();
            await using (var output = File.Create(zipPath))
            {
                await ModuleZipWriter.CreateAsync(output, ModuleOf(header), files, TestContext.Current.CancellationToken);
            }
            return await DirHash.HashZipAsync(zipPath, TestContext.Current.CancellationToken);
        });
    }

    [Theory]
    [MemberData(nameof(CreateFromDirCases))]
    public async Task CreateFromDir_makes_the_zip_the_go_command_hashes(string file)
    {
        var archive = ZipTestData.Load("create_from_dir", file);
        var header = archive.Header();
        using var tmp = new ZipTestData.TempDir();
        var src = Path.Combine(tmp.Path, "src");
        Directory.CreateDirectory(src);
        ZipTestData.WriteFiles(src, archive.Files);
        var zipPath = Path.Combine(tmp.Path, "m.zip");
        await AssertOutcome(header, async () =>
        {
            await using (var output = File.Create(zipPath))
            {
                await ModuleZipWriter.CreateFromDirAsync(output, ModuleOf(header), src, TestContext.Current.CancellationToken);
            }
            var zipHash = await DirHash.HashZipAsync(zipPath, TestContext.Current.CancellationToken);
            // Hashing the directory directly must agree with hashing the zip made from it.
            Assert.Equal(zipHash, await ModuleHasher.HashAsync(src, ModuleOf(header), TestContext.Current.CancellationToken));
            return zipHash;
        });
    }

    [Theory]
    [MemberData(nameof(UnzipCases))]
    public async Task Unzip_extracts_valid_zips_and_rejects_bad_ones(string file)
    {
        var archive = ZipTestData.Load("unzip", file);
        var header = archive.Header();
        using var tmp = new ZipTestData.TempDir();
        var zipPath = Path.Combine(tmp.Path, "m.zip");
        WriteZip(zipPath, archive.Files);
        var dir = Path.Combine(tmp.Path, "out");
        await AssertOutcome(header, async () =>
        {
            await ModuleZipReader.UnzipAsync(dir, ModuleOf(header), zipPath, TestContext.Current.CancellationToken);
            return await DirHash.HashDirAsync(dir, header["path"] + "@" + header["version"] + "/", TestContext.Current.CancellationToken);
        });
    }

    [Theory]
    [MemberData(nameof(CheckFilesCases))]
    public async Task CheckFiles_reports_like_x_mod(string file)
    {
        var archive = ZipTestData.Load("check_files", file);
        var want = Txtar.Text(archive.Files.Single(f => f.Name == "want").Data);
        var files = archive.Files.Where(f => f.Name != "want").Select(f => (IModuleFile)new MemoryModuleFile(f.Name, f.Data)).ToList();
        var cf = await ModuleFileChecker.CheckFilesAsync(files, TestContext.Current.CancellationToken);
        Assert.Equal(want, cf.Report());
        AssertErr(cf);
    }

    [Theory]
    [MemberData(nameof(CheckDirCases))]
    public async Task CheckDir_reports_like_x_mod(string file)
    {
        var archive = ZipTestData.Load("check_dir", file);
        var want = Txtar.Text(archive.Files.Single(f => f.Name == "want").Data);
        using var tmp = new ZipTestData.TempDir();
        ZipTestData.WriteFiles(tmp.Path, archive.Files.Where(f => f.Name != "want"));
        var cf = await ModuleDirectory.CheckAsync(tmp.Path, TestContext.Current.CancellationToken);
        var got = cf.Report().Replace(tmp.Path, "$work").Replace(Path.DirectorySeparatorChar, '/');
        Assert.Equal(want, got);
        AssertErr(cf);
    }

    [Theory]
    [MemberData(nameof(CheckZipCases))]
    public void CheckZip_reports_like_x_mod(string file)
    {
        var archive = ZipTestData.Load("check_zip", file);
        var header = archive.Header();
        var want = Txtar.Text(archive.Files.Single(f => f.Name == "want").Data);
        using var tmp = new ZipTestData.TempDir();
        var zipPath = Path.Combine(tmp.Path, "m.zip");
        WriteZip(zipPath, archive.Files.Where(f => f.Name != "want"));
        var cf = ModuleZipReader.CheckZip(ModuleOf(header), zipPath);
        Assert.Equal(want, cf.Report());
        AssertErr(cf);
    }

    private static void AssertErr(CheckedFiles cf)
    {
        if (cf.Invalid.Count == 0) Assert.Null(cf.Error);
        else Assert.Equal(string.Join("\n", cf.Invalid.Select(e => $"{e.Path}: {e.Error}")), cf.Error);
    }

    /// <summary>Zips the files in order under their own names, as the Go tests do.</summary>
    internal static void WriteZip(string zipPath, IEnumerable<(string Name, byte[] Data)> files)
    {
        using var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create);
        foreach (var (name, data) in files)
        {
            using var s = zip.CreateEntry(name).Open();
            s.Write(data);
        }
    }
}
