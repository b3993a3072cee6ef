using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GoDocker.Core.GoMod;
using GoDocker.Core.GoWork;
using GoDocker.Reliability.Tests.Fuzzing;

namespace GoDocker.Reliability.Tests;

/// <summary>Faults injected into real-world go.work files: accept, or GD2003 diagnostics at a line and column.</summary>
public sealed class GoWorkFuzzTests
{
    private const string File = "/src/go.work";

    private static readonly string[] Verbs = ["go", "toolchain", "godebug", "use", "replace", "module", "require", "unknown"];

    private static void Holds(byte[] data, Func<string> describe) =>
        FuzzTarget.Check<ModParseException>(File, data, d => GoWorkFile.Parse(File, d), e => e.ToGoWorkDiagnostics(File), describe);

    private static void Holds(MutatedFile file) => Holds(file.Bytes, file.ToString);

    [Property(MaxTest = 200)]
    public Property Truncated_at_a_random_byte() =>
        Prop.ForAll(Mutations.Of(Corpus.GoWorks, Mutations.Truncation), Holds);

    [Property(MaxTest = 300)]
    public Property Syntax_tokens_inserted_parens_quotes_arrows_comments_keywords() =>
        Prop.ForAll(Mutations.Of(Corpus.GoWorks, Mutations.TokenInsertion, 1, 5), Holds);

    [Property(MaxTest = 200)]
    public Property Invalid_utf8_nul_bom_and_control_bytes_inserted() =>
        Prop.ForAll(Mutations.Of(Corpus.GoWorks, Mutations.HostileInsertion, 1, 3), Holds);

    [Property(MaxTest = 300)]
    public Property Several_kinds_of_fault_stacked() =>
        Prop.ForAll(Mutations.Of(Corpus.GoWorks, Mutations.AnyEdit, 2, 8), Holds);

    [Property(MaxTest = 600)]
    public Property Generated_use_replace_and_go_lines_valid_or_not() =>
        Prop.ForAll(Mutations.DirectiveLines(Verbs), text => Holds(Encoding.UTF8.GetBytes(text), () => text));

    [Fact]
    public void Ten_thousand_unclosed_use_blocks() =>
        Holds(Encoding.UTF8.GetBytes("go 1.22\n" + string.Concat(Enumerable.Repeat("use (\n", 10_000))), () => "10 000 'use ('");
}
