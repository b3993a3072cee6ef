using System.Diagnostics;
using GoDocker.Core.GoMod;

namespace GoDocker.Core.Tests.GoMod;

/// <summary>The edit operations against the real <c>go mod edit ... -print</c> (which edits, then runs SortBlocks and Cleanup).</summary>
public sealed class GoModEditCommandTests
{
    private const string GoBinary = "/usr/bin/go";

    private static string GoModEditPrint(string file, params string[] flags)
    {
        if (!File.Exists(GoBinary))
        {
            if (Environment.GetEnvironmentVariable("GODOCKER_REQUIRE_DOCKER") == "1") Assert.Fail($"{GoBinary} is required but missing");
            Assert.Skip($"{GoBinary} is not installed");
        }
        var psi = new ProcessStartInfo(GoBinary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in (string[])["mod", "edit", .. flags, "-print", file]) psi.ArgumentList.Add(a);
        psi.Environment["HOME"] = Path.GetDirectoryName(file)!;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, stderr);
        return stdout.Result;
    }

    [Theory]
    [InlineData("gohugoio__hugo/go.mod")]
    [InlineData("prometheus__prometheus/go.mod")]
    [InlineData("cli__cli/go.mod")]
    public void Edits_give_the_same_file_as_go_mod_edit(string relative)
    {
        var dir = Directory.CreateTempSubdirectory("gomodedit");
        try
        {
            var path = Path.Combine(dir.FullName, "go.mod");
            File.Copy(Path.Combine(ModTestData.RealWorld, relative), path);
            var f = GoModFile.Parse(path, File.ReadAllBytes(path));
            var first = f.Require[0].Mod.Path;
            var second = f.Require[1].Mod.Path;

            var expected = GoModEditPrint(path,
                $"-require={second}@v9.9.9", "-require=example.com/new@v1.0.0", $"-droprequire={first}",
                "-exclude=example.com/bad@v1.2.3", "-exclude=example.com/bad@v1.2.3", "-dropexclude=example.com/none@v1.0.0",
                "-replace=example.com/new=../new", "-replace=example.com/old@v1.0.0=example.com/fork@v1.0.1",
                "-dropreplace=example.com/old@v1.0.0", "-replace=example.com/old@v1.0.0=example.com/fork@v1.0.2",
                "-go=1.18", "-module=example.com/renamed");

            f.AddModuleStmt("example.com/renamed");
            f.AddGoStmt("1.18");
            f.AddRequire(second, "v9.9.9");
            f.AddRequire("example.com/new", "v1.0.0");
            f.DropRequire(first);
            f.AddExclude("example.com/bad", "v1.2.3");
            f.AddExclude("example.com/bad", "v1.2.3");
            f.DropExclude("example.com/none", "v1.0.0");
            f.AddReplace("example.com/new", "", "../new", "");
            f.AddReplace("example.com/old", "v1.0.0", "example.com/fork", "v1.0.1");
            f.DropReplace("example.com/old", "v1.0.0");
            f.AddReplace("example.com/old", "v1.0.0", "example.com/fork", "v1.0.2");
            f.SortBlocks();
            f.Cleanup();
            Assert.Equal(expected, f.Format());
        }
        finally
        {
            dir.Delete(true);
        }
    }
}
