using System.Text;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.Hashing;
using GoDocker.Core.Modules;
using GoDocker.Core.ModuleZip;
using GoDocker.Core.Tests.ModuleZip;

namespace GoDocker.Core.Tests.Hashing;

public class ModuleHasherTests
{
    private static readonly ModuleVersion M = new("example.com/m", "v1.0.0");

    [Fact]
    public async Task Directory_zip_and_go_mod_inputs_hash_consistently()
    {
        var ct = TestContext.Current.CancellationToken;
        using var tmp = new ZipTestData.TempDir();
        var src = Path.Combine(tmp.Path, "src");
        ZipTestData.WriteFiles(src, [
            ("go.mod", "module example.com/m\n\ngo 1.13\n"u8.ToArray()),
            ("m.go", "package m\n"u8.ToArray()),
            ("vendor/x/y.go", "package y\n"u8.ToArray()),
            (".git/HEAD", "ref: refs/heads/main\n"u8.ToArray()),
        ]);
        var zip = Path.Combine(tmp.Path, "m.zip");
        await using (var output = File.Create(zip))
        {
            await ModuleZipWriter.CreateFromDirAsync(output, M, src, ct);
        }
        var dirHash = await ModuleHasher.HashAsync(src, M, ct);
        Assert.Equal(await ModuleHasher.HashAsync(zip, null, ct), dirHash);
        Assert.Equal(await ModuleHasher.HashAsync(zip, M, ct), dirHash);

        var only = await DirHash.Hash1Async(["example.com/m@v1.0.0/go.mod", "example.com/m@v1.0.0/m.go"], (n, _) =>
            ValueTask.FromResult<Stream>(File.OpenRead(Path.Combine(src, n["example.com/m@v1.0.0/".Length..]))), ct);
        Assert.Equal(only, dirHash); // vendor and .git stayed out

        var goModHash = await ModuleHasher.HashAsync(Path.Combine(src, "go.mod"), null, ct);
        Assert.Equal(await DirHash.HashGoModAsync(Encoding.UTF8.GetBytes("module example.com/m\n\ngo 1.13\n"), ct), goModHash);
    }

    [Fact]
    public async Task A_directory_needs_the_module_and_a_zip_must_fit_it()
    {
        var ct = TestContext.Current.CancellationToken;
        using var tmp = new ZipTestData.TempDir();
        var e = await Assert.ThrowsAsync<DiagnosticException>(() => ModuleHasher.HashAsync(tmp.Path, null, ct));
        Assert.Equal("GD2032", e.Diagnostic.Code);
        Assert.Contains("--module path@version", e.Message);
        Assert.Equal(tmp.Path, e.Diagnostic.Location?.File);

        var badVersion = await Assert.ThrowsAsync<DiagnosticException>(() => ModuleHasher.HashAsync(tmp.Path, new ModuleVersion("example.com/m/v2", "v1.0.0"), ct));
        Assert.Equal("GD2031", badVersion.Diagnostic.Code);
        Assert.StartsWith($"create zip {tmp.Path}: example.com/m/v2@v1.0.0: invalid version: should be v2, not v1.", badVersion.Message);

        var zip = Path.Combine(tmp.Path, "m.zip");
        await using (var output = File.Create(zip))
        {
            await ModuleZipWriter.CreateAsync(output, M, [new MemoryModuleFile("a.go", "package a\n"u8.ToArray())], ct);
        }
        var mismatch = await Assert.ThrowsAsync<DiagnosticException>(() => ModuleHasher.HashAsync(zip, new ModuleVersion("example.com/other", "v1.0.0"), ct));
        Assert.Equal("GD2030", mismatch.Diagnostic.Code);
        Assert.Contains("path does not have prefix \"example.com/other@v1.0.0/\"", mismatch.Message);
    }

    [Fact]
    public async Task A_path_that_does_not_exist_is_a_bad_command_line_value()
    {
        using var tmp = new ZipTestData.TempDir();
        var missing = Path.Combine(tmp.Path, "absent.zip");

        var e = await Assert.ThrowsAsync<DiagnosticException>(() => ModuleHasher.HashAsync(missing, null, TestContext.Current.CancellationToken));

        Assert.Equal("GD1014", e.Diagnostic.Code);
        Assert.Equal($"path '{missing}' is invalid: no such file or directory.", e.Diagnostic.Message);
        Assert.Equal(missing, e.Diagnostic.Location?.File);
    }
}
