using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GoDocker.Core.GoMod;

namespace GoDocker.Core.Tests.GoMod;

/// <summary>Generators of go.mod text: arbitrary syntax (any verbs, quoting, comments, blocks, blank lines) and strictly valid files.</summary>
public static class GoModTextArbitraries
{
    private static readonly Gen<string> Space = Gen.Elements("", " ", "\t", "  ", " \t");
    private static readonly Gen<string> Space1 = Gen.Elements(" ", "\t", "   ");
    private static readonly Gen<string> Comment = Gen.Elements("// a", "//b", "// indirect", "// indirect; note", "//   spaced  ", "//", "// Deprecated: use v2");
    private static readonly Gen<string> Token = Gen.Elements(
        "x.y/z", "example.com/m/v2", "v1.2.3", "\"quoted path\"", "\"a\\tb\"", "`raw`", "=>", "./dir", "[", "]", ",",
        "v0.0.0-20200101000000-abcdefabcdef", "1.21", "key=value", "gopkg.in/yaml.v3", "héllo");
    private static readonly Gen<string> Verb = Gen.Elements("module", "go", "require", "exclude", "replace", "retract", "tool", "ignore", "godebug", "toolchain", "use", "unknown");
    private static readonly Gen<string> Eol = Gen.Elements("\n", "\n", "\r\n");

    private static Gen<string> Optional(Gen<string> g) => Gen.OneOf(Gen.Constant(""), g);

    private static Gen<string> Tokens(int min, int max) =>
        from n in Gen.Choose(min, max)
        from toks in Gen.ListOf(Gen.Zip(Space1, Token).Select(p => p.Item1 + p.Item2), n)
        select string.Concat(toks);

    private static readonly Gen<string> Line =
        from ws in Space
        from verb in Verb
        from toks in Tokens(0, 4)
        from com in Optional(Gen.Zip(Space1, Comment).Select(p => p.Item1 + p.Item2))
        from eol in Eol
        select ws + verb + toks + com + eol;

    private static readonly Gen<string> BlockLine = Gen.OneOf(
        from ws in Space from first in Token from toks in Tokens(0, 3)
        from com in Optional(Gen.Zip(Space1, Comment).Select(p => p.Item1 + p.Item2))
        select ws + first + toks + com + "\n",
        Space.Select(ws => ws + "\n"),
        Gen.Zip(Space, Comment).Select(p => p.Item1 + p.Item2 + "\n"));

    private static readonly Gen<string> Block =
        from verb in Verb
        from lparenComment in Optional(Comment.Select(c => " " + c))
        from lines in Gen.ListOf(BlockLine)
        from ws in Space
        from rparenComment in Optional(Comment.Select(c => " " + c))
        select verb + " (" + lparenComment + "\n" + string.Concat(lines) + ws + ")" + rparenComment + "\n";

    private static readonly Gen<string> Stmt = Gen.Frequency(
        (6, Line),
        (2, Block),
        (2, Gen.Zip(Space, Comment).Select(p => p.Item1 + p.Item2 + "\n")),
        (2, Space.Select(ws => ws + "\n")));

    /// <summary>Any go.mod-like text the syntax parser accepts.</summary>
    /// <summary>The string arbitrary FsCheck uses for properties that name this class.</summary>
    public static Arbitrary<string> String() => GoModText();

    public static Arbitrary<string> GoModText() =>
        Gen.ListOf(Stmt).Select(s => string.Concat(s)).ToArbitrary();

    private static readonly Gen<string> ModPath = Gen.Elements("example.com/a", "example.com/b/v2", "golang.org/x/text", "gopkg.in/yaml.v3", "github.com/Azure/x", "\"example.com/q\"");
    private static readonly Gen<string> Version = Gen.Elements("v1.0.0", "v0.3.7", "v1.2.3-pre", "v0.0.0-20200101000000-abcdefabcdef");

    private static readonly Gen<string> ValidRequire =
        from path in ModPath
        from v in Version
        from indirect in Gen.Elements("", " // indirect", " // keep")
        select path.EndsWith("/v2") ? $"{path} v2.1.0{indirect}" : path.StartsWith("gopkg.in/") ? $"{path} v3.0.1{indirect}" : $"{path} {v}{indirect}";

    private static readonly Gen<string> ValidStmt = Gen.OneOf(
        ValidRequire.Select(r => "require " + r + "\n"),
        Gen.ListOf(ValidRequire).Select(rs => "require (\n" + string.Concat(rs.Select(r => "\t" + r + "\n")) + ")\n"),
        Gen.Elements("exclude example.com/a v1.0.0\n", "replace example.com/a => ../a\n", "replace example.com/a v1.0.0 => example.com/c v1.1.0\n",
            "retract v1.0.0 // oops\n", "retract [v1.0.0, v1.1.0]\n", "godebug key=value\n", "tool example.com/a/cmd\n", "ignore ./node_modules\n",
            "\n", "// just a comment\n"));

    /// <summary>go.mod files the strict parser accepts.</summary>
    public static Arbitrary<string> ValidGoModText() =>
        (from header in Gen.Elements("", "// Deprecated: gone\n")
         from go in Gen.Elements("", "go 1.21\n", "go 1.22.3\n")
         from stmts in Gen.ListOf(ValidStmt)
         select header + "module example.com/m\n" + go + string.Concat(stmts)).ToArbitrary();
}

public sealed class ModFormatPropertyTests
{
    [Property(Arbitrary = [typeof(GoModTextArbitraries)], MaxTest = 300)]
    public bool Formatting_is_idempotent_on_any_syntax(string text)
    {
        var once = ModFormatter.Format(ModSyntaxParser.Parse("go.mod", text));
        var twice = ModFormatter.Format(ModSyntaxParser.Parse("go.mod", once));
        return once == twice;
    }

    [Fact]
    public void Generated_text_exercises_the_property()
    {
        // Guards the property above against a generator that only yields empty files.
        var samples = GoModTextArbitraries.GoModText().Generator.Sample(20, 50);
        Assert.Contains(samples, s => s.Contains(" (\n") && s.Contains("//"));
    }

    [Property(Arbitrary = [typeof(ValidArbitrary)], MaxTest = 200)]
    public bool Strict_parse_and_format_are_idempotent_on_valid_files(string text)
    {
        var once = GoModFile.Parse("go.mod", text).Format();
        var twice = GoModFile.Parse("go.mod", once).Format();
        return once == twice;
    }

    public static class ValidArbitrary
    {
        public static Arbitrary<string> String() => GoModTextArbitraries.ValidGoModText();
    }
}
