using GoDocker.Core.Hashing;
using GoDocker.Core.Modules;
using GoDocker.Core.ModuleZip;
using GoDocker.Core.Tests.Modules;

namespace GoDocker.Core.Tests.ModuleZip;

/// <summary>The x/mod zip tables: vendored-package rule, size limits and the CreateFromDir special cases.</summary>
public class ModuleZipTableTests
{
    private static readonly ModuleVersion Large = new("example.com/large", "v1.0.0");

    public static TheoryData<string> VendorCases => XModTable.Cases("zip/isVendoredPackageTests.json");
    public static TheoryData<string> SizeCases => XModTable.Cases("zip/sizeLimitTests.json");

    [Theory]
    [MemberData(nameof(VendorCases))]
    public void IsVendoredPackage_follows_both_go_version_rules(string json)
    {
        var c = XModTable.Parse(json);
        foreach (var v in c.GetProperty("versions").EnumerateArray())
        {
            Assert.True(c.Bool("want") == VendorRule.IsVendoredPackage(c.Str("path"), v.GetString()!), $"{c.Str("path")} with {v.GetString()}");
        }
    }

    /// <summary>A file of a declared size whose content is that many zero bytes (or the given data).</summary>
    private sealed record FakeFile(string Path, long Size, byte[]? Data) : IModuleFile
    {
        public ModuleFileKind Kind => ModuleFileKind.Regular;

        public ValueTask<Stream> OpenAsync(CancellationToken cancellationToken) =>
            ValueTask.FromResult(Data is not null ? new MemoryStream(Data) : (Stream)new ZeroStream(Size));
    }

    private sealed class ZeroStream(long size) : Stream
    {
        private readonly long _length = size;
        private long _left = size;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => _length;
        public override long Position { get => _length - _left; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, _left);
            Array.Clear(buffer, offset, n);
            _left -= n;
            return n;
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private static List<IModuleFile> FilesOf(System.Text.Json.JsonElement c) =>
        c.GetProperty("files").EnumerateArray().Select(f => (IModuleFile)new FakeFile(
            f.Str("name"),
            unchecked((long)f.GetProperty("size").GetUInt64()),
            f.GetProperty("data").ValueKind == System.Text.Json.JsonValueKind.Null ? null : System.Text.Encoding.UTF8.GetBytes(f.Str("data")))).ToList();

    private static string Want(System.Text.Json.JsonElement c, string specific)
    {
        var s = c.Str(specific);
        return s.Length > 0 ? s : c.Str("wantErr");
    }

    [Theory]
    [MemberData(nameof(SizeCases))]
    public async Task CheckFiles_and_Create_enforce_the_size_limits(string json)
    {
        var c = XModTable.Parse(json);
        var files = FilesOf(c);
        var ct = TestContext.Current.CancellationToken;
        var cf = await ModuleFileChecker.CheckFilesAsync(files, ct);
        var wantCheck = Want(c, "wantCheckFilesErr");
        if (wantCheck.Length == 0) Assert.Null(cf.Error);
        else Assert.Contains(wantCheck, cf.Error);

        var wantCreate = Want(c, "wantCreateErr");
        var create = () => ModuleZipWriter.CreateAsync(Stream.Null, Large, files, ct);
        if (wantCreate.Length == 0)
        {
            // Only small successes are streamed through deflate; the 500 MiB ones are covered by CheckFiles above.
            if (files.Sum(f => f.Size) <= ModuleZipLimits.MaxGoMod + 1) await create();
        }
        else
        {
            var e = await Assert.ThrowsAsync<ModuleZipException>(create);
            Assert.Contains(wantCreate, e.Message);
            Assert.StartsWith("create zip: ", e.Message);
        }
    }

    public static TheoryData<string> UnzipSizeCases
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var c in XModTable.Load("zip/sizeLimitTests.json").GetProperty("cases").EnumerateArray())
            {
                if (c.GetProperty("tests").EnumerateArray().Any(t => t.GetString() == "TestUnzipSizeLimits")) data.Add(c.GetRawText());
            }
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(UnzipSizeCases))]
    public async Task CheckZip_and_Unzip_enforce_the_size_limits(string json)
    {
        var c = XModTable.Parse(json);
        var ct = TestContext.Current.CancellationToken;
        using var tmp = new ZipTestData.TempDir();
        var zip = Path.Combine(tmp.Path, "m.zip");
        DeclaredSizeZip.Write(zip, c.GetProperty("files").EnumerateArray()
            .Select(f => ("example.com/large@v1.0.0/" + f.Str("name"), checked((uint)f.GetProperty("size").GetUInt64()))));

        var wantCheck = Want(c, "wantCheckZipErr");
        var cf = ModuleZipReader.CheckZip(Large, zip);
        if (wantCheck.Length == 0) Assert.Null(cf.Error);
        else Assert.Contains(wantCheck, cf.Error);

        var wantUnzip = Want(c, "wantUnzipErr");
        if (wantUnzip.Length > 0)
        {
            var e = await Assert.ThrowsAsync<ModuleZipException>(() => ModuleZipReader.UnzipAsync(Path.Combine(tmp.Path, "out"), Large, zip, ct));
            Assert.Contains(wantUnzip, e.Message);
            Assert.False(Directory.Exists(Path.Combine(tmp.Path, "out")), "nothing is extracted from a rejected zip");
        }
    }

    [Fact]
    public async Task CheckZip_and_Unzip_enforce_declared_sizes()
    {
        var ct = TestContext.Current.CancellationToken;
        using var tmp = new ZipTestData.TempDir();
        var zip = Path.Combine(tmp.Path, "big.zip");
        // 16 MiB + 1 of zeros deflates to a few KiB: an oversized go.mod costs no disk.
        ModuleZipCaseTests.WriteZip(zip, [("example.com/large@v1.0.0/go.mod", new byte[ModuleZipLimits.MaxGoMod + 1])]);
        var cf = ModuleZipReader.CheckZip(Large, zip);
        Assert.Equal("example.com/large@v1.0.0/go.mod: go.mod file too large (max size is 16777216 bytes)", cf.Error);
        var e = await Assert.ThrowsAsync<ModuleZipException>(() => ModuleZipReader.UnzipAsync(Path.Combine(tmp.Path, "out"), Large, zip, ct));
        Assert.Equal($"unzip {zip}: example.com/large@v1.0.0/go.mod: go.mod file too large (max size is 16777216 bytes)", e.Message);
    }

    [Fact]
    public async Task Unzip_stops_at_content_longer_than_declared()
    {
        var ct = TestContext.Current.CancellationToken;
        using var tmp = new ZipTestData.TempDir();
        var zip = Path.Combine(tmp.Path, "lie.zip");
        DeclaredSizeZip.Write(zip, [("example.com/large@v1.0.0/lie.go", 1u, "package large\n"u8.ToArray())]);
        Assert.Null(ModuleZipReader.CheckZip(Large, zip).Error); // the central directory alone looks fine
        var e = await Assert.ThrowsAsync<ModuleZipException>(() => ModuleZipReader.UnzipAsync(Path.Combine(tmp.Path, "out"), Large, zip, ct));
        Assert.Contains("uncompressed size of file example.com/large@v1.0.0/lie.go is larger than declared size (1 bytes)", e.Message);
    }

    [Fact]
    public async Task Unzip_refuses_a_non_empty_target()
    {
        var ct = TestContext.Current.CancellationToken;
        using var tmp = new ZipTestData.TempDir();
        var zip = Path.Combine(tmp.Path, "m.zip");
        ModuleZipCaseTests.WriteZip(zip, [("example.com/large@v1.0.0/a.go", "package a\n"u8.ToArray())]);
        var e = await Assert.ThrowsAsync<ModuleZipException>(() => ModuleZipReader.UnzipAsync(tmp.Path, Large, zip, ct));
        Assert.Equal($"unzip {zip}: target directory {tmp.Path} exists and is not empty", e.Message);
    }

    [Fact]
    public async Task CreateFromDir_ignores_empty_dirs_and_symlinks_and_a_root_named_vendor()
    {
        var ct = TestContext.Current.CancellationToken;
        var m = new ModuleVersion("example.com/m", "v1.0.0");
        var special = XModTable.Load("zip/createFromDirSpecial.json").GetProperty("cases").EnumerateArray()
            .ToDictionary(c => c.Str("desc"), c => c.Str("wantHash"));

        async Task<string> HashOf(string dir)
        {
            var zip = Path.Combine(Path.GetTempPath(), "godocker-special-" + Guid.NewGuid().ToString("N") + ".zip");
            try
            {
                await using (var output = File.Create(zip))
                {
                    await ModuleZipWriter.CreateFromDirAsync(output, m, dir, ct);
                }
                return await DirHash.HashZipAsync(zip, ct);
            }
            finally
            {
                File.Delete(zip);
            }
        }

        using (var tmp = new ZipTestData.TempDir())
        {
            Directory.CreateDirectory(Path.Combine(tmp.Path, "empty"));
            Assert.Equal(special["ignore_empty_dir"], await HashOf(tmp.Path));
        }
        using (var tmp = new ZipTestData.TempDir())
        {
            File.CreateSymbolicLink(Path.Combine(tmp.Path, "link"), tmp.Path);
            Assert.Equal(special["ignore_symlink"], await HashOf(tmp.Path));
        }
        using (var tmp = new ZipTestData.TempDir())
        {
            ZipTestData.WriteFiles(tmp.Path, [("vendor/go.mod", "module example.com/m\n\ngo 1.13\n"u8.ToArray())]);
            Assert.Equal(special["dir_is_vendor"], await HashOf(Path.Combine(tmp.Path, "vendor")));
        }
    }
}
