using GoDocker.Core.Modules;

namespace GoDocker.Core.Tests.Modules;

public class ModulePathTests
{
    public static TheoryData<string> CheckPathCases => XModTable.Cases("module/checkPathTests.json");
    public static TheoryData<string> CheckCases => XModTable.Cases("module/checkTests.json");
    public static TheoryData<string> SplitCases => XModTable.Cases("module/splitPathVersionTests.json");
    public static TheoryData<string> EscapeCases => XModTable.Cases("module/escapeTests.json");
    public static TheoryData<string> BadUnescapeCases => XModTable.Cases("module/badUnescape.json");
    public static TheoryData<string> MatchPathMajorCases => XModTable.Cases("module/matchPathMajorTests.json");

    private static string PathOf(System.Text.Json.JsonElement c) =>
        c.GetProperty("path").ValueKind == System.Text.Json.JsonValueKind.Null
            ? GoText.FromBytes(Convert.FromHexString(c.Str("path_hex")))
            : c.Str("path");

    [Theory]
    [MemberData(nameof(CheckPathCases))]
    public void CheckPath_CheckImportPath_CheckFilePath_follow_x_mod(string json)
    {
        var c = XModTable.Parse(json);
        var path = PathOf(c);
        var err = ModulePath.CheckPath(path);
        Assert.True(c.Bool("ok") == (err is null), $"CheckPath({path}) = {err}");
        if (err is not null) Assert.StartsWith("malformed module path \"", err);
        Assert.True(c.Bool("importOK") == (ModulePath.CheckImportPath(path) is null), $"CheckImportPath({path})");
        Assert.True(c.Bool("fileOK") == (ModulePath.CheckFilePath(path) is null), $"CheckFilePath({path})");

        var (prefix, major, _) = ModulePath.SplitPathVersion(path);
        Assert.Equal(path, prefix + major);

        if (!c.Bool("ok"))
        {
            Assert.False(ModulePath.TryEscapePath(path, out _, out var escErr));
            Assert.NotNull(escErr);
            Assert.False(ModulePath.TryUnescapePath(path, out _, out var unescErr));
            Assert.NotNull(unescErr);
        }
    }

    [Fact]
    public void Error_texts_match_the_go_command()
    {
        Assert.Equal("malformed module path \"x.y/\\xffz\": invalid UTF-8",
            ModulePath.CheckPath(GoText.FromBytes([0x78, 0x2e, 0x79, 0x2f, 0xff, 0x7a])));
        Assert.Equal("malformed module path \"github\": missing dot in first path element", ModulePath.CheckPath("github"));
        Assert.Equal("malformed module path \"x.y/z/v1\": invalid version", ModulePath.CheckPath("x.y/z/v1"));
        Assert.Equal("malformed import path \"x/y'z\": invalid char '\\''", ModulePath.CheckImportPath("x/y'z"));
        Assert.Equal("malformed file path \"a/com1.txt\": \"com1\" disallowed as path element component on Windows",
            ModulePath.CheckFilePath("a/com1.txt"));
        Assert.Equal("malformed module path \"Github.com/x\": invalid char 'G' in first path element",
            ModulePath.CheckPath("Github.com/x"));
        Assert.Equal("example.com/m/v2@v1.0.0: invalid version: should be v2, not v1",
            ModuleVersion.Check("example.com/m/v2", "v1.0.0"));
        Assert.Equal("example.com/m@1.0.0: invalid version: not a semantic version", new ModuleVersion("example.com/m", "1.0.0").Check());
        Assert.Equal("malformed import path \"x/a~1\": trailing tilde and digits in path element", ModulePath.CheckImportPath("x/a~1"));
        Assert.Equal("version \"v2.0.0\" invalid: should be v0 or v1, not v2", ModulePath.CheckPathMajor("v2.0.0", ""));
    }

    [Theory]
    [MemberData(nameof(CheckCases))]
    public void Check_accepts_exactly_the_valid_pairs(string json)
    {
        var c = XModTable.Parse(json);
        var err = ModuleVersion.Check(c.Str("path"), c.Str("version"));
        Assert.True(c.Bool("ok") == (err is null), err ?? "accepted");
    }

    [Theory]
    [MemberData(nameof(SplitCases))]
    public void SplitPathVersion_finds_the_major_suffix(string json)
    {
        var c = XModTable.Parse(json);
        var (prefix, major, ok) = ModulePath.SplitPathVersion(c.Str("pathPrefix") + c.Str("version"));
        Assert.Equal((c.Str("pathPrefix"), c.Str("version"), true), (prefix, major, ok));
    }

    [Theory]
    [MemberData(nameof(EscapeCases))]
    public void EscapePath_and_UnescapePath_round_trip(string json)
    {
        var c = XModTable.Parse(json);
        var path = c.Str("path");
        var esc = c.Str("esc");
        if (esc.Length == 0) esc = path;
        Assert.Equal(esc, ModulePath.EscapePath(path));
        Assert.Equal(path, ModulePath.UnescapePath(esc));
    }

    [Theory]
    [MemberData(nameof(BadUnescapeCases))]
    public void UnescapePath_rejects_bad_escapes(string json)
    {
        var escaped = XModTable.Parse(json).GetString()!;
        Assert.False(ModulePath.TryUnescapePath(escaped, out _, out var err));
        Assert.StartsWith("invalid escaped module path", err);
    }

    [Fact]
    public void Versions_escape_and_reject_bangs()
    {
        Assert.Equal("v1.0.0-!r!c1", ModulePath.EscapeVersion("v1.0.0-RC1"));
        Assert.Equal("v1.0.0-RC1", ModulePath.UnescapeVersion("v1.0.0-!r!c1"));
        Assert.False(ModulePath.TryEscapeVersion("v1!", out _, out var err));
        Assert.Equal("version \"v1!\" invalid: disallowed version string", err);
        Assert.False(ModulePath.TryUnescapeVersion("v1.0.0-RC1", out _, out err));
        Assert.Equal("invalid escaped version \"v1.0.0-RC1\"", err);
    }

    [Theory]
    [MemberData(nameof(MatchPathMajorCases))]
    public void MatchPathMajor_follows_x_mod(string json)
    {
        var c = XModTable.Parse(json);
        Assert.Equal(c.Bool("want"), ModulePath.MatchPathMajor(c.Str("v"), c.Str("pathMajor")));
    }

    [Fact]
    public void Module_errors_are_worded_like_x_mod()
    {
        Assert.Equal("version \"v1.2\" invalid: must be of the form v1.2.3", ModuleErrors.InvalidVersion("v1.2", "must be of the form v1.2.3"));
        Assert.Equal("example.com/m@v1.2: invalid pseudo-version: bad", ModuleErrors.ModuleInvalidVersion("example.com/m", "v1.2", "bad", pseudo: true));
        Assert.Equal("module example.com/m: gone", ModuleErrors.Module("example.com/m", "", "gone"));
        Assert.Equal("example.com/m@v1.0.0: gone", ModuleErrors.Module("example.com/m", "v1.0.0", "gone"));
    }

    [Fact]
    public void Module_sort_orders_by_path_then_semver_then_suffix()
    {
        var list = new List<ModuleVersion>
        {
            new("b.com/x", "v1.0.0"), new("a.com/x", "v1.10.0"), new("a.com/x", "v1.9.0/go.mod"), new("a.com/x", "v1.9.0"),
        };
        list.Sort(ModuleVersion.CompareForSort);
        Assert.Equal(["a.com/x@v1.9.0", "a.com/x@v1.9.0/go.mod", "a.com/x@v1.10.0", "b.com/x@v1.0.0"], list.Select(m => m.ToString()));
    }
}
