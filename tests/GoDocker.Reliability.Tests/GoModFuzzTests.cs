using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GoDocker.Core.GoMod;
using GoDocker.Reliability.Tests.Fuzzing;

namespace GoDocker.Reliability.Tests;

/// <summary>
/// Faults injected into the real-world go.mod corpus and into generated files. The main module's parse (strict) and a
/// dependency's parse (lax) must each accept, or reject with GD2001 diagnostics at a line and column, within the bound.
/// </summary>
public sealed class GoModFuzzTests
{
    private const string File = "/src/service/go.mod";

    private static readonly string[] Verbs =
        ["module", "go", "toolchain", "godebug", "require", "exclude", "replace", "retract", "tool", "ignore", "use", "unknown", "//"];

    private static void Holds(byte[] data, Func<string> describe)
    {
        FuzzTarget.Check<ModParseException>(File, data, d => GoModFile.Parse(File, d), e => e.ToGoModDiagnostics(File), () => "strict parse of " + describe());
        FuzzTarget.Check<ModParseException>(File, data, d => GoModFile.ParseLax(File, d), e => e.ToGoModDiagnostics(File), () => "lax parse of " + describe());
    }

    private static void Holds(MutatedFile file) => Holds(file.Bytes, file.ToString);

    [Property(MaxTest = 300)]
    public Property Truncated_at_a_random_byte() =>
        Prop.ForAll(Mutations.Of(Corpus.GoMods, Mutations.Truncation), Holds);

    [Property(MaxTest = 300)]
    public Property Random_spans_deleted() =>
        Prop.ForAll(Mutations.Of(Corpus.GoMods, Mutations.Deletion, 1, 4), Holds);

    [Property(MaxTest = 400)]
    public Property Syntax_tokens_inserted_parens_quotes_arrows_comments_keywords() =>
        Prop.ForAll(Mutations.Of(Corpus.GoMods, Mutations.TokenInsertion, 1, 5), Holds);

    [Property(MaxTest = 300)]
    public Property Invalid_utf8_nul_bom_and_control_bytes_inserted() =>
        Prop.ForAll(Mutations.Of(Corpus.GoMods, Mutations.HostileInsertion, 1, 3), Holds);

    [Property(MaxTest = 300)]
    public Property Random_bytes_overwritten() =>
        Prop.ForAll(Mutations.Of(Corpus.GoMods, Mutations.ByteOverwrite, 1, 8), Holds);

    [Property(MaxTest = 300)]
    public Property Lines_duplicated_dropped_or_moved() =>
        Prop.ForAll(Mutations.Of(Corpus.GoMods, Mutations.LineShuffle, 1, 4), Holds);

    [Property(MaxTest = 300)]
    public Property Several_kinds_of_fault_stacked() =>
        Prop.ForAll(Mutations.Of(Corpus.GoMods, Mutations.AnyEdit, 2, 8), Holds);

    [Property(MaxTest = 600)]
    public Property Generated_directive_lines_and_blocks_valid_or_not() =>
        Prop.ForAll(Mutations.DirectiveLines(Verbs), text => Holds(Encoding.UTF8.GetBytes(text), () => text));

    [Property(MaxTest = 600)]
    public Property Arbitrary_bytes() =>
        Prop.ForAll(Mutations.ArbitraryBytes, bytes => Holds(bytes, () => Convert.ToHexString(bytes)));

    [Fact]
    public void A_hundred_thousand_open_parentheses() =>
        Holds(Encoding.UTF8.GetBytes("module m\nrequire " + new string('(', 100_000)), () => "100 000 '('");

    [Fact]
    public void Ten_thousand_unclosed_require_blocks() =>
        Holds(Encoding.UTF8.GetBytes("module m\n" + string.Concat(Enumerable.Repeat("require (\n", 10_000))), () => "10 000 'require ('");

    [Fact]
    public void A_one_megabyte_module_path() =>
        Holds(Encoding.UTF8.GetBytes("module example.com/" + new string('a', 1 << 20) + "\n"), () => "1 MB module path");

    [Fact]
    public void A_hundred_thousand_requirements_of_the_same_module() =>
        Holds(Encoding.UTF8.GetBytes("module m\n\ngo 1.21\n\nrequire (\n" + string.Concat(Enumerable.Repeat("\texample.com/x v1.0.0\n", 100_000)) + ")\n"),
            () => "100 000 repeated requires");

    [Fact]
    public void An_unterminated_raw_string_spanning_the_rest_of_the_file() =>
        Holds(Encoding.UTF8.GetBytes("module `example.com/m\n" + string.Concat(Enumerable.Repeat("require x v1.0.0\n", 1_000))), () => "unterminated `");

    [Fact]
    public void An_unterminated_block_comment_and_a_lone_quote() =>
        Holds(Encoding.UTF8.GetBytes("module m /*\n\"\n"), () => "/* and \"");
}
