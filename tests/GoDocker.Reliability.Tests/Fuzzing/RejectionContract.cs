using GoDocker.Core.Diagnostics;

namespace GoDocker.Reliability.Tests.Fuzzing;

/// <summary>
/// What every parser owes its user on any input: a value, or diagnostics that each point at a line and a column
/// inside the file, so the IDE can jump to the fault.
/// </summary>
public static class RejectionContract
{
    public static void Holds(IReadOnlyList<Diagnostic> rejections, string file, int lineCount, string input)
    {
        input = Describe.Short(input);
        foreach (var d in rejections)
        {
            var at = d.Location;
            if (at is null || at.Line < 1 || at.Column < 1)
            {
                Assert.Fail($"{d.Code} without a line and column ({at?.ToString() ?? "no location"}): {d.Message}\non {input}");
            }
            if (at.File != file)
            {
                Assert.Fail($"{d.Code} points at {at.File}, not {file}: {d.Message}\non {input}");
            }
            if (at.Line > lineCount + 1)
            {
                Assert.Fail($"{d.Code} points at line {at.Line} of a {lineCount}-line file: {d.Message}\non {input}");
            }
        }
    }

    /// <summary>Lines as an editor counts them: one more than the line feeds, so a position just past the end is allowed.</summary>
    public static int LineCount(byte[] data) => data.Count(b => b == '\n') + 1;
}
