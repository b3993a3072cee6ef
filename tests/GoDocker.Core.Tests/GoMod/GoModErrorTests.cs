using System.Diagnostics;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.GoMod;

namespace GoDocker.Core.Tests.GoMod;

/// <summary>Parse errors: Go's wording and positions, their diagnostics, and that nothing but ModParseException escapes.</summary>
public sealed class GoModErrorTests
{
    [Theory]
    [InlineData("module m\ngo 1.21\nrequire x.y/z 1.0\n", "go.mod:3: require x.y/z: version \"1.0\" invalid: must be of the form v1.2.3")]
    [InlineData("module m\nrequire example.com/m/v2 v1.0.0\n", "go.mod:2: require example.com/m/v2: version \"v1.0.0\" invalid: should be v2, not v1")]
    [InlineData("module m\nrequire example.com/m v2.0.0\n", "go.mod:2: require example.com/m: version \"v2.0.0\" invalid: should be v0 or v1, not v2")]
    [InlineData("module m\nmodule n\n", "go.mod:2: repeated module statement")]
    [InlineData("module m\nfrobnicate x\n", "go.mod:2: unknown directive: frobnicate")]
    [InlineData("module m\nrequire (\n\tx.y/z v1.0.0\n", "go.mod:4: syntax error (unterminated block started at go.mod:2:1)")]
    [InlineData("module \"m\n", "go.mod:1:10: unexpected newline in string")]
    [InlineData("module m /* c */\n", "go.mod:1:10: mod files must use // comments (not /* */ comments)")]
    [InlineData("module m\nrequire x.y/z v1.0.0 v2\n", "go.mod:2: usage: require module/path v1.2.3")]
    [InlineData("module m\nreplace x.y/z => x.y/w\n", "go.mod:2: replacement module without version must be directory path (rooted or starting with . or ..)")]
    [InlineData("module m\nreplace x.y/z => ./w v1.0.0\n", "go.mod:2: replacement module directory path \"./w\" cannot have version")]
    [InlineData("module m\nretract [v1.0.0 v1.1.0]\n", "go.mod:2: expected ',' after version")]
    [InlineData("module m\nretract v1.0.0 extra\n", "go.mod:2: unexpected token after version: \"extra\"")]
    [InlineData("module m\ngo 1.2.beta1\n", "go.mod:2: invalid go version '1.2.beta1': must match format 1.23.0")]
    [InlineData("module m\ntoolchain 1.21\n", "go.mod:2: invalid toolchain version '1.21': must match format go1.23.0 or default")]
    [InlineData("module m\ngodebug x\n", "go.mod:2: usage: godebug key=value")]
    [InlineData("module m\nx (\n) y\n", "go.mod:3:4: syntax error (expected newline after closing paren)")]
    [InlineData("module m\ntool a b\n", "go.mod:2: tool directive expects exactly one argument")]
    [InlineData("module 'm'\n", "go.mod:1: invalid quoted string: unquoted string cannot contain quote")]
    [InlineData("module m\nrequire \u00a0x v1.0.0\n", "go.mod:2:9: unexpected input character '\\u00a0'")]
    public void Errors_use_the_go_command_wording(string text, string expected)
    {
        var e = Assert.Throws<ModParseException>(() => GoModFile.Parse("go.mod", text));
        Assert.Equal(expected, e.Message);
    }

    [Fact]
    public void All_directive_errors_are_collected_with_lines()
    {
        var e = Assert.Throws<ModParseException>(() => GoModFile.Parse("go.mod", "module m\nrequire a.b/c 1.0.0\nrequire (\n\ta.b/d 1.0.0\n)\nexclude a.b/e\n"));
        Assert.Equal([2, 4, 6], e.Errors.Select(x => x.Line).ToArray());
        Assert.Equal("require", e.Errors[1].Verb);
        Assert.Equal("a.b/d", e.Errors[1].ModPath);
    }

    [Fact]
    public void Errors_become_GD2001_diagnostics_with_a_location()
    {
        var e = Assert.Throws<ModParseException>(() => GoModFile.Parse("go.mod", "module m\n\nrequire x.y/z 1.0\n"));
        var d = Assert.Single(e.ToGoModDiagnostics("/src/app/go.mod"));
        Assert.Equal(DiagnosticCatalog.GoModSyntax, d.Descriptor);
        Assert.Equal(new SourceLocation("/src/app/go.mod", 3, 1), d.Location);
        Assert.Equal("go.mod:3: require x.y/z: version \"1.0\" invalid: must be of the form v1.2.3", d.Message);
        Assert.StartsWith("/src/app/go.mod(3,1): error GD2001:", d.ToString());

        var lexical = Assert.Throws<ModParseException>(() => GoModFile.Parse("go.mod", "module m\nrequire x /* y */\n"));
        Assert.Equal(new SourceLocation("go.mod", 2, 11), lexical.ToGoModDiagnostics()[0].Location);

        Assert.Null(GoModFile.TryParse("go.mod", "module m\nbad\n"u8.ToArray(), out var diags));
        Assert.Equal("GD2001", Assert.Single(diags).Code);
    }

    [Fact]
    public void Tokens_carry_line_and_column_spans()
    {
        var f = GoModFile.Parse("go.mod", "module m\n\nrequire (\n\tgolang.org/x/text v0.3.0 // indirect\n\t\"héllo.com/x\" v1.0.0\n)\n");
        var text = f.Require[0].Syntax!;
        Assert.Equal(new ModSpan(new ModPosition(4, 2, 21), new ModPosition(4, 19, 38)), text.TokenSpans[0]);
        Assert.Equal(new SourceLocation("go.mod", 4, 20, 4, 26), GoModFile.VersionLocationOf(f.Require[0], "go.mod"));
        // Columns count runes, not bytes or UTF-16 units.
        Assert.Equal(16, f.Require[1].Syntax!.TokenSpans[1].Start.LineRune);
        Assert.Equal(new SourceLocation("go.mod", 5, 2, 5, 22), GoModFile.LocationOf(f.Require[1].Syntax!, "go.mod"));
    }

    [Fact]
    public void Require_lines_are_found_by_plain_or_escaped_path()
    {
        var f = GoModFile.Parse("go.mod", "module m\nrequire (\n\tgithub.com/Azure/azure-sdk-for-go v68.0.0+incompatible\n\tgithub.com/BurntSushi/toml v1.3.2\n)\n");
        Assert.Equal(3, f.FindRequire("github.com/Azure/azure-sdk-for-go")!.Syntax!.Start.Line);
        Assert.Equal(3, f.FindRequire("github.com/!azure/azure-sdk-for-go")!.Syntax!.Start.Line);
        Assert.Equal(4, f.FindRequire("github.com/%21burnt%21sushi/toml")!.Syntax!.Start.Line);
        Assert.Null(f.FindRequire("github.com/azure/azure-sdk-for-go"));
        Assert.Equal(new SourceLocation("/src/go.mod", 4, 2, 4, 35), f.LocateRequire("github.com/!burnt!sushi/toml", "/src/go.mod"));
        Assert.Null(f.LocateRequire("example.com/absent", "/src/go.mod"));
        Assert.Null(f.FindRequire("github.com/!!bad"));
    }

    [Fact]
    public void Mutated_inputs_raise_only_ModParseException()
    {
        // A small deterministic fuzz: corrupt real files and random bytes; the parsers may only fail with their own exception.
        var seeds = Directory.GetFiles(ModTestData.RealWorld, "*.mod", SearchOption.AllDirectories).Take(4)
            .Select(File.ReadAllBytes).Append("module m\nrequire (\n\tx.y v1.0.0 // indirect\n)\nretract [v1.0.0, v1.0.1]\n"u8.ToArray()).ToList();
        var alphabet = "()[]{},\"`/\\*\n\r\t =>.v1-@'\u00a0\u2028\u00ff"u8.ToArray().Concat(new byte[] { 0x00, 0xC3, 0xFF, 0x80 }).ToArray();
        var rng = new Random(20261123);
        for (var i = 0; i < 1500; i++)
        {
            var data = seeds[i % seeds.Count].ToList();
            if (data.Count > 600) data = data.GetRange(rng.Next(data.Count - 600), 600);
            for (var k = rng.Next(1, 6); k > 0; k--)
            {
                var at = rng.Next(data.Count + 1);
                switch (rng.Next(3))
                {
                    case 0: data.Insert(at, alphabet[rng.Next(alphabet.Length)]); break;
                    case 1 when at < data.Count: data.RemoveAt(at); break;
                    default: if (at < data.Count) data[at] = (byte)rng.Next(256); break;
                }
            }
            var bytes = data.ToArray();
            foreach (var parse in new Action[]
                     {
                         () => GoModFile.Parse("go.mod", bytes),
                         () => GoModFile.ParseLax("go.mod", bytes),
                         () => GoDocker.Core.GoWork.GoWorkFile.Parse("go.work", bytes),
                         () => GoDocker.Core.GoSum.GoSumFile.Parse("go.sum", bytes),
                     })
            {
                var e = Record.Exception(parse);
                if (e is not null && e is not ModParseException && e is not GoDocker.Core.GoSum.GoSumParseException)
                    Assert.Fail($"{e.GetType().Name} escaped for input {Convert.ToBase64String(bytes)}: {e}");
            }
        }
    }

    [Fact]
    public void Error_text_matches_the_real_go_for_wording_unchanged_since_1_19()
    {
        const string go = "/usr/bin/go";
        if (!File.Exists(go))
        {
            if (Environment.GetEnvironmentVariable("GODOCKER_REQUIRE_DOCKER") == "1") Assert.Fail($"{go} is required but missing");
            Assert.Skip($"{go} is not installed");
        }
        var dir = Directory.CreateTempSubdirectory("gomoderr");
        try
        {
            var path = Path.Combine(dir.FullName, "go.mod");
            File.WriteAllText(path, "module m\nrequire x.y/z 1.0\nrequire example.com/m/v2 v1.0.0\nfrobnicate\nretract v1.0.0 extra\nrequire (\n\tx.y/q v1\n\tx.y/s 1.0\n    x.y/r v1.0.0 extra\n)\nexclude (\n\tgopkg.in/yaml.v2 v3.0.0\n)\nmodule n\n");
            var psi = new ProcessStartInfo(go, ["mod", "edit", "-json", path]) { RedirectStandardError = true, RedirectStandardOutput = true };
            psi.Environment["HOME"] = dir.FullName;
            using var p = Process.Start(psi)!;
            var stderr = p.StandardError.ReadToEnd();
            p.WaitForExit();
            var goLines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToArray(); // after "go: errors parsing go.mod:"
            var e = Assert.Throws<ModParseException>(() => GoModFile.Parse(path, File.ReadAllBytes(path)));
            Assert.Equal(goLines, e.Message.Split('\n'));
        }
        finally
        {
            dir.Delete(true);
        }
    }
}
