using System.Diagnostics;
using GoDocker.Core.GoMod;

namespace GoDocker.Core.Tests.GoMod;

/// <summary>ModFileJson against the real <c>go mod edit -json</c> of the installed Go (Debian's 1.19).</summary>
public sealed class GoModJsonTests
{
    private const string GoBinary = "/usr/bin/go";

    // Directives Go 1.19 does not know; files using them are compared by the shape tests below instead.
    private static readonly string[] NewerDirectives = ["toolchain", "godebug", "tool", "ignore"];

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var p in Directory.GetFiles(Path.Combine(ModTestData.Root, "x-mod", "modfile", "testdata"), "*.*")
                     .Concat(Directory.GetFiles(ModTestData.RealWorld, "*.mod", SearchOption.AllDirectories)).Order())
            data.Add(Path.GetRelativePath(ModTestData.Root, p).Replace('\\', '/'));
        return data;
    }

    private static (int Exit, string Stdout, string Stderr) RunGo(string file, int minor)
    {
        if (!File.Exists(GoBinary))
        {
            if (Environment.GetEnvironmentVariable("GODOCKER_REQUIRE_DOCKER") == "1") Assert.Fail($"{GoBinary} is required but missing");
            Assert.Skip($"{GoBinary} is not installed");
        }
        var psi = new ProcessStartInfo(GoBinary) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        psi.ArgumentList.Add("mod");
        psi.ArgumentList.Add("edit");
        psi.ArgumentList.Add("-json");
        psi.ArgumentList.Add(file);
        psi.Environment["GOFLAGS"] = "";
        psi.Environment["GOTOOLCHAIN"] = "local";
        psi.Environment["GO111MODULE"] = "on";
        psi.Environment["HOME"] = Path.GetTempPath();
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr);
    }

    private static int InstalledGoMinor()
    {
        var psi = new ProcessStartInfo(GoBinary, "env GOVERSION") { RedirectStandardOutput = true };
        using var p = Process.Start(psi)!;
        var v = p.StandardOutput.ReadToEnd().Trim(); // go1.19.8
        p.WaitForExit();
        return int.Parse(v.Split('.')[1]);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Json_equals_go_mod_edit_json(string relative)
    {
        var path = Path.Combine(ModTestData.Root, relative);
        var data = File.ReadAllBytes(path);
        var (exit, stdout, stderr) = RunGo(path, 0);
        var minor = InstalledGoMinor();

        GoModFile? ours = null;
        var ourError = Record.Exception(() => ours = GoModFile.Parse(path, data));
        if (exit != 0)
        {
            // The installed go rejects the file: either it uses a directive newer than it, or we must reject it too.
            var text = System.Text.Encoding.UTF8.GetString(data);
            var newer = NewerDirectives.Any(d => text.Contains("\n" + d + " ") || text.StartsWith(d + " ") || text.Contains("\n" + d + " ("))
                        || stderr.Contains("invalid go version") && ours?.Go?.Version.Split('.').Length == 3;
            Assert.True(newer || ourError is ModParseException, $"go rejected {relative} but we accept it:\n{stderr}");
            return;
        }
        Assert.Null(ourError);
        Assert.Equal(stdout, ModFileJson.Format(ours!, minor));
    }

    public static TheoryData<string> RealWorldFiles() =>
        [.. Directory.GetFiles(ModTestData.RealWorld, "*.mod", SearchOption.AllDirectories).Order()
            .Select(p => Path.GetRelativePath(ModTestData.Root, p).Replace('\\', '/'))];

    /// <summary>
    /// The real-world files rewritten for Go 1.19 (three-part go versions cut to two, newer directives removed) so that
    /// the large files also meet the real go; the rest of each file is unchanged.
    /// </summary>
    [Theory]
    [MemberData(nameof(RealWorldFiles))]
    public void Json_equals_go_mod_edit_json_for_files_downgraded_to_go_1_19(string relative)
    {
        var text = File.ReadAllText(Path.Combine(ModTestData.Root, relative));
        var kept = new List<string>();
        var skippingBlock = false;
        foreach (var line in text.Split('\n'))
        {
            if (skippingBlock)
            {
                if (line.StartsWith(')')) skippingBlock = false;
                continue;
            }
            if (NewerDirectives.Any(d => line.StartsWith(d + " (", StringComparison.Ordinal))) { skippingBlock = true; continue; }
            if (NewerDirectives.Any(d => line.StartsWith(d + " ", StringComparison.Ordinal))) continue;
            kept.Add(System.Text.RegularExpressions.Regex.Replace(line, @"^go (\d+\.\d+)\.\d+$", "go $1"));
        }
        var dir = Directory.CreateTempSubdirectory("gomodjson");
        try
        {
            var path = Path.Combine(dir.FullName, "go.mod");
            File.WriteAllText(path, string.Join("\n", kept));
            var (exit, stdout, stderr) = RunGo(path, 0);
            Assert.True(exit == 0, stderr);
            var ours = GoModFile.Parse(path, File.ReadAllBytes(path));
            Assert.Equal(stdout, ModFileJson.Format(ours, InstalledGoMinor()));
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Fact]
    public void Enough_files_are_compared_with_the_real_go()
    {
        if (!File.Exists(GoBinary))
        {
            if (Environment.GetEnvironmentVariable("GODOCKER_REQUIRE_DOCKER") == "1") Assert.Fail($"{GoBinary} is required but missing");
            Assert.Skip($"{GoBinary} is not installed");
        }
        var accepted = Files().Count(r => RunGo(Path.Combine(ModTestData.Root, (string)r.Data), 0).Exit == 0);
        // Guards against a broken go invocation turning every comparison into a skip.
        Assert.True(accepted >= 15, $"only {accepted} files were accepted by go");
    }

    [Fact]
    public void Raw_bytes_and_html_characters_are_kept_and_escaped_like_go()
    {
        // Not UTF-8 (0xFF, a cut 3-byte sequence), HTML-sensitive characters and control escapes in comments and paths.
        static byte[] U(string s) => System.Text.Encoding.UTF8.GetBytes(s);
        byte[] data = [.. U("// Deprecated: use <v2> & \"more\"\nmodule example.com/m\n\ngo 1.19\n\nrequire x.y/a"), 0xFF,
            .. U("b v1.0.0 // "), 0xE2, 0x82, .. U("\n\n// why: \u2028 tab\there\nretract v1.0.0\n")];
        var ours = GoModFile.Parse("go.mod", data);
        Assert.Equal(data, ModFormatter.FormatBytes(ours.Syntax));
        Assert.Equal(24, ours.Require[0].Syntax!.Comments.Suffix[0].Start.LineRune);

        var dir = Directory.CreateTempSubdirectory("gomodjson");
        try
        {
            var path = Path.Combine(dir.FullName, "go.mod");
            File.WriteAllBytes(path, data);
            var (exit, stdout, stderr) = RunGo(path, 0);
            Assert.True(exit == 0, stderr);
            Assert.Equal(stdout, ModFileJson.Format(ours, InstalledGoMinor()));
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Fact]
    public void Newer_fields_appear_in_the_order_and_form_of_newer_go_releases()
    {
        var f = GoModFile.Parse("go.mod", "module m\ngo 1.24\ntoolchain go1.24.1\ngodebug x=1\ntool a.b/c\nignore ./node_modules\n");
        var json = ModFileJson.Format(f, 25);
        Assert.Equal("{\n\t\"Module\": {\n\t\t\"Path\": \"m\"\n\t},\n\t\"Go\": \"1.24\",\n\t\"Toolchain\": \"go1.24.1\",\n\t\"Godebug\": [\n\t\t{\n\t\t\t\"Key\": \"x\",\n\t\t\t\"Value\": \"1\"\n\t\t}\n\t],\n\t\"Require\": null,\n\t\"Exclude\": null,\n\t\"Replace\": null,\n\t\"Retract\": null,\n\t\"Tool\": [\n\t\t{\n\t\t\t\"Path\": \"a.b/c\"\n\t\t}\n\t],\n\t\"Ignore\": [\n\t\t{\n\t\t\t\"Path\": \"./node_modules\"\n\t\t}\n\t]\n}\n", json);
        Assert.DoesNotContain("Toolchain", ModFileJson.Format(f, 20));
    }
}
