using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GoDocker.Core.GoSum;
using GoDocker.Reliability.Tests.Fuzzing;

namespace GoDocker.Reliability.Tests;

/// <summary>
/// Faults injected into real-world go.sum files: the parse accepts with every kept line positioned inside the file,
/// or rejects with GD2002 at the malformed line.
/// </summary>
public sealed class GoSumFuzzTests
{
    private const string File = "/src/service/go.sum";

    private static void Holds(byte[] data, Func<string> describe)
    {
        FuzzTarget.Check<GoSumParseException>(File, data, d => GoSumFile.Parse(File, d), e => e.ToDiagnostics(File), describe);
        var lenient = BoundedRun.Run(() => GoSumFile.ParseLenient(File, Encoding.UTF8.GetString(data)), describe);
        var lines = RejectionContract.LineCount(data);
        foreach (var line in lenient.Lines)
        {
            var at = line.Location(File);
            Assert.True(at.Line >= 1 && at.Line <= lines && at.Column >= 1 && at.EndColumn > at.Column,
                $"kept line {line} is placed at {at} in a {lines}-line file: {describe()}");
        }
    }

    private static void Holds(MutatedFile file) => Holds(file.Bytes, file.ToString);

    [Property(MaxTest = 200)]
    public Property Truncated_at_a_random_byte() =>
        Prop.ForAll(Mutations.Of(Corpus.GoSums, Mutations.Truncation), Holds);

    [Property(MaxTest = 200)]
    public Property Fields_or_parts_of_lines_deleted() =>
        Prop.ForAll(Mutations.Of(Corpus.GoSums, Mutations.Deletion, 1, 4), Holds);

    [Property(MaxTest = 200)]
    public Property Extra_fields_separators_and_line_breaks_inserted() =>
        Prop.ForAll(Mutations.Of(Corpus.GoSums, Mutations.TokenInsertion, 1, 5), Holds);

    [Property(MaxTest = 200)]
    public Property Invalid_utf8_nul_bom_and_unicode_spaces_inserted() =>
        Prop.ForAll(Mutations.Of(Corpus.GoSums, Mutations.HostileInsertion, 1, 4), Holds);

    [Property(MaxTest = 200)]
    public Property Merge_leftovers_lines_duplicated_dropped_or_moved() =>
        Prop.ForAll(Mutations.Of(Corpus.GoSums, Mutations.LineShuffle, 1, 6), Holds);

    [Property(MaxTest = 200)]
    public Property Several_kinds_of_fault_stacked() =>
        Prop.ForAll(Mutations.Of(Corpus.GoSums, Mutations.AnyEdit, 2, 8), Holds);

    [Property(MaxTest = 600)]
    public Property Arbitrary_bytes() =>
        Prop.ForAll(Mutations.ArbitraryBytes, bytes => Holds(bytes, () => Convert.ToHexString(bytes)));

    [Fact]
    public void A_two_megabyte_line_without_a_line_break() =>
        Holds(Encoding.UTF8.GetBytes("example.com/m v1.0.0 h1:" + new string('A', 2 << 20)), () => "2 MB hash");

    [Fact]
    public void Two_hundred_thousand_blank_and_whitespace_lines() =>
        Holds(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(" \t\r\n\n", 100_000)) + "a b\n"), () => "blank lines then 2 fields");
}
