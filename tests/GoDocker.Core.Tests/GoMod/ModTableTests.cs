using System.Text;
using System.Text.Json;
using GoDocker.Core.GoMod;
using GoDocker.Core.GoWork;
using GoDocker.Core.Modules;

namespace GoDocker.Core.Tests.GoMod;

/// <summary>Every case of x/mod's modfile test tables (read_test.go, rule_test.go, work_test.go).</summary>
public sealed class ModTableTests
{
    private static TheoryData<string, int> CasesOf(params string[] tables)
    {
        var data = new TheoryData<string, int>();
        foreach (var t in tables)
        {
            var n = ModTestData.Cases(t).Count();
            for (var i = 0; i < n; i++) data.Add(t, i);
        }
        return data;
    }

    private static JsonElement Case(string table, int index) => ModTestData.Cases(table).ElementAt(index);

    public static TheoryData<string, int> ParseVersions() => CasesOf("parseVersionsTests.json");

    [Theory]
    [MemberData(nameof(ParseVersions))]
    public void Parse_versions(string table, int index)
    {
        var c = Case(table, index);
        var input = c.Str("input");
        var ok = c.GetProperty("ok").GetBoolean();
        var laxOk = c.GetProperty("laxOK").GetBoolean();
        var strictError = Record.Exception(() => GoModFile.Parse("go.mod", input));
        if (ok) Assert.Null(strictError);
        else Assert.IsType<ModParseException>(strictError);

        var laxError = Record.Exception(() => GoModFile.ParseLax("go.mod", input));
        if (ok) Assert.Null(laxError);
        else if (!laxOk) Assert.IsType<ModParseException>(laxError);
        else if (laxError is not null) Assert.IsType<ModParseException>(laxError);
    }

    public static TheoryData<string, int> ModulePaths() => CasesOf("modulePathTests.json");

    [Theory]
    [MemberData(nameof(ModulePaths))]
    public void Module_path_of_text(string table, int index)
    {
        var c = Case(table, index);
        Assert.Equal(c.Str("expected"), GoModFile.ModulePathOf(c.Str("input")));
    }

    public static TheoryData<string, int> Punctuation() => CasesOf("parsePunctuationTests.json");

    [Theory]
    [MemberData(nameof(Punctuation))]
    public void Punctuation_is_tokenized(string table, int index)
    {
        var c = Case(table, index);
        var f = ModSyntaxParser.Parse("go.mod", c.Str("src"));
        var tokens = new List<string>();
        foreach (var stmt in f.Stmt)
        {
            switch (stmt)
            {
                case ModLine l:
                    tokens.AddRange(l.Token!);
                    break;
                case ModLineBlock b:
                    tokens.AddRange(b.Token);
                    tokens.Add("(");
                    foreach (var l in b.Line) tokens.AddRange(l.Token!);
                    tokens.Add(")");
                    break;
            }
        }
        Assert.Equal(c.Str("want"), string.Join(" ", tokens));
    }

    public static TheoryData<string, int> CommentCases() => CasesOf("commentsTests.json");

    [Theory]
    [MemberData(nameof(CommentCases))]
    public void Comments_are_attached_like_x_mod(string table, int index)
    {
        var c = Case(table, index);
        var f = GoModFile.ParseLax("go.mod", c.Str("input"));
        var sb = new StringBuilder();
        void Print(string where, ModComments cs)
        {
            foreach (var x in cs.Before) sb.Append($"{where} before {GoText.Quote(x.Token)}\n");
            foreach (var x in cs.Suffix) sb.Append($"{where} suffix {GoText.Quote(x.Token)}\n");
            foreach (var x in cs.After) sb.Append($"{where} after {GoText.Quote(x.Token)}\n");
        }
        Print("file", f.Syntax.Comments);
        foreach (var stmt in f.Syntax.Stmt)
        {
            switch (stmt)
            {
                case ModCommentBlock cb:
                    Print("comments", cb.Comments);
                    break;
                case ModLine l:
                    Print("line", l.Comments);
                    break;
                case ModLineBlock b:
                    Print("block", b.Comments);
                    Print("lparen", b.LParen.Comments);
                    foreach (var l in b.Line) Print("blockline", l.Comments);
                    Print("rparen", b.RParen.Comments);
                    break;
            }
        }
        Assert.Equal(c.Str("want").Trim(), sb.ToString().Trim());
    }

    [Fact]
    public void Lax_parse_ignores_what_dependencies_may_hold()
    {
        foreach (var c in ModTestData.Cases("parseLaxTests.json"))
        {
            var f = GoModFile.ParseLax("file", c.Str("input"));
            Assert.Equal(c.Str("wantModulePath"), f.Module!.Mod.Path);
            var want = c.GetProperty("wantRequirePaths").EnumerateArray().Select(e => e.GetString() ?? "").ToList();
            Assert.Equal(want, f.Require.Select(r => r.Mod.Path).ToList());
        }
    }

    public static TheoryData<string, int> EditCases() => CasesOf(
        "rule/addRequireTests.json", "rule/setRequireTests.json", "rule/setRequireSeparateIndirectTests.json",
        "rule/setRequireSimplifyTests.json", "rule/addGoTests.json", "rule/dropGoTests.json", "rule/addToolchainTests.json",
        "rule/dropToolchainTests.json", "rule/addExcludeTests.json", "rule/addRetractTests.json", "rule/dropRetractTests.json",
        "rule/addGodebugTests.json", "rule/dropGodebugTests.json", "rule/sortBlocksTests.json", "rule/addToolTests.json",
        "rule/dropToolTests.json", "rule/addIgnoreTests.json", "rule/dropIgnoreTests.json");

    [Theory]
    [MemberData(nameof(EditCases))]
    public void Edit_operations_match_x_mod(string table, int index)
    {
        var c = Case(table, index);
        // A case's own "strict" wins; otherwise the table's; tables without the flag use Parse.
        var strict = c.TryGetProperty("strict", out var s) ? s.GetBoolean()
            : !ModTestData.Table(table).TryGetProperty("strict", out var ts) || ts.GetBoolean();
        GoModFile Parse(string name, string text) => strict ? GoModFile.Parse(name, text) : GoModFile.ParseLax(name, text);

        var f = Parse("in", c.Str("in"));
        var expected = c.TryGetProperty("out", out var o) ? o.GetString()! : c.Str("want");
        var golden = Parse("out", expected).Format();
        var name = Path.GetFileNameWithoutExtension(table);
        var mods = c.TryGetProperty("mods", out var m)
            ? m.EnumerateArray().Select(x => new ModRequire { Mod = new ModuleVersion(x.Str("path"), x.Str("vers")), Indirect = x.GetProperty("indirect").GetBoolean() }).ToList()
            : [];
        switch (name)
        {
            case "addRequireTests": f.AddRequire(c.Str("path"), c.Str("vers")); f.Cleanup(); break;
            case "setRequireTests": f.SetRequire(mods); f.Cleanup(); Assert.Equal(mods.Count, f.Require.Count); break;
            case "setRequireSeparateIndirectTests": f.SetRequireSeparateIndirect(mods); f.Cleanup(); Assert.Equal(mods.Count, f.Require.Count); break;
            case "setRequireSimplifyTests": f.SetRequireAtMostTwo(mods); f.Cleanup(); Assert.Equal(mods.Count, f.Require.Count); break;
            case "addGoTests": f.AddGoStmt(c.Str("version")); break;
            case "dropGoTests": f.DropGoStmt(); f.Cleanup(); break;
            case "addToolchainTests": f.AddToolchainStmt(c.Str("version")); break;
            case "dropToolchainTests": f.DropToolchainStmt(); f.Cleanup(); break;
            case "addExcludeTests": f.AddExclude(c.Str("path"), c.Str("version")); break;
            case "addRetractTests": f.AddRetract(new VersionInterval(c.Str("low"), c.Str("high")), c.Str("rationale")); break;
            case "dropRetractTests": f.DropRetract(new VersionInterval(c.Str("low"), c.Str("high"))); f.Cleanup(); break;
            case "addGodebugTests": f.AddGodebug(c.Str("key"), c.Str("value")); f.Cleanup(); break;
            case "dropGodebugTests": f.DropGodebug(c.Str("key")); f.Cleanup(); break;
            case "sortBlocksTests": f.SortBlocks(); break;
            case "addToolTests": f.AddTool(c.Str("path")); f.Cleanup(); break;
            case "dropToolTests": f.DropTool(c.Str("path")); f.Cleanup(); break;
            case "addIgnoreTests": f.AddIgnore(c.Str("path")); f.Cleanup(); break;
            case "dropIgnoreTests": f.DropIgnore(c.Str("path")); f.Cleanup(); break;
            default: Assert.Fail("unknown table " + name); break;
        }
        Assert.Equal(golden, f.Format());
    }

    public static TheoryData<string, int> GodebugWorkCases() => CasesOf("rule/addGodebugTests.json", "rule/dropGodebugTests.json");

    [Theory]
    [MemberData(nameof(GodebugWorkCases))]
    public void Godebug_edits_apply_to_go_work(string table, int index)
    {
        var c = Case(table, index);
        var f = GoWorkFile.Parse("in", c.Str("in").Replace("module m", "use foo"));
        var golden = GoWorkFile.Parse("out", c.Str("out").Replace("module m", "use foo")).Format();
        if (table.Contains("add")) f.AddGodebug(c.Str("key"), c.Str("value"));
        else f.DropGodebug(c.Str("key"));
        f.Cleanup();
        Assert.Equal(golden, f.Format());
    }

    public static TheoryData<string, int> WorkEditCases() => CasesOf(
        "work/workAddUseTests.json", "work/workDropUseTests.json", "work/workAddGoTests.json",
        "work/workAddToolchainTests.json", "work/workSortBlocksTests.json");

    [Theory]
    [MemberData(nameof(WorkEditCases))]
    public void Work_edit_operations_match_x_mod(string table, int index)
    {
        var c = Case(table, index);
        var f = GoWorkFile.Parse("in", c.Str("in"));
        var golden = GoWorkFile.Parse("out", c.Str("out")).Format();
        switch (Path.GetFileNameWithoutExtension(table))
        {
            case "workAddUseTests": f.AddUse(c.Str("path"), c.Str("modulePath")); break;
            case "workDropUseTests": f.DropUse(c.Str("path")); f.Cleanup(); break;
            case "workAddGoTests": f.AddGoStmt(c.Str("version")); break;
            case "workAddToolchainTests": f.AddToolchainStmt(c.Str("version")); break;
            case "workSortBlocksTests": f.SortBlocks(); break;
        }
        Assert.Equal(golden, f.Format());
    }

    public static TheoryData<string, int> ValidateCases() => CasesOf("rule/addExcludeValidateVersionTests.json", "rule/addRetractValidateVersionTests.json");

    [Theory]
    [MemberData(nameof(ValidateCases))]
    public void Edits_reject_non_canonical_versions_with_go_wording(string table, int index)
    {
        var c = Case(table, index);
        if (table.Contains("Exclude"))
        {
            var f = GoModFile.Parse("in", "module m");
            var e = Assert.Throws<ArgumentException>(() => f.AddExclude(c.Str("path"), c.Str("version")));
            Assert.StartsWith(c.Str("wantErr"), e.Message);
        }
        else
        {
            var f = GoModFile.Parse("in", "module " + c.Str("path"));
            var e = Assert.Throws<ArgumentException>(() => f.AddRetract(new VersionInterval(c.Str("low"), c.Str("high")), ""));
            Assert.StartsWith(c.Str("wantErr"), e.Message);
        }
    }

    public static TheoryData<string, int> FixCases() => CasesOf("rule/fixVersionTests.json");

    [Theory]
    [MemberData(nameof(FixCases))]
    public void Version_fixer_rewrites_or_rejects(string table, int index)
    {
        var c = Case(table, index);
        static VersionFix FixV(string path, string version) =>
            path != "example.com/m" ? VersionFix.Fail("module path must be example.com/m") : VersionFix.Ok("v" + version);
        var wantErr = c.Str("wantErr");
        if (wantErr.Length > 0)
        {
            var e = Assert.Throws<ModParseException>(() => GoModFile.Parse("in", c.Str("in"), FixV));
            Assert.Contains(wantErr, e.Message);
            return;
        }
        var f = GoModFile.Parse("in", c.Str("in"), FixV);
        Assert.Equal(GoModFile.Parse("out", c.Str("want")).Format(), f.Format());
    }

    public static TheoryData<string, int> DeprecationCases() => CasesOf("rule/moduleDeprecatedTests.json");

    [Theory]
    [MemberData(nameof(DeprecationCases))]
    public void Module_deprecation_is_read_from_comments(string table, int index)
    {
        var c = Case(table, index);
        Assert.Equal(c.Str("want"), GoModFile.Parse("in", c.Str("in")).Module!.Deprecated);
    }

    public static TheoryData<string, int> RationaleCases() => CasesOf("rule/retractRationaleTests.json");

    [Theory]
    [MemberData(nameof(RationaleCases))]
    public void Retract_rationale_is_read_from_comments(string table, int index)
    {
        var c = Case(table, index);
        var f = GoModFile.Parse("in", c.Str("in"));
        Assert.Single(f.Retract);
        Assert.Equal(c.Str("want"), f.Retract[0].Rationale);
    }

    [Fact]
    public void Edits_on_an_empty_file_create_the_lines()
    {
        var c = ModTestData.Cases("rule/modifyEmptyFilesTests.json").Single();
        Assert.Equal("f.AddGoStmt(\"1.20\")", c.Str("operations"));
        var f = new GoModFile();
        f.AddGoStmt("1.20");
        Assert.Equal(GoModFile.Parse("out", c.Str("want")).Format(), f.Format());
    }
}
