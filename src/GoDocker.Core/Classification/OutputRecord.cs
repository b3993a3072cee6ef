using System.Text.RegularExpressions;

namespace GoDocker.Core.Classification;

/// <summary>
/// One message of the output: a line and the lines that continue it (indented lines such as <c>server response:</c>,
/// <c>downloaded:</c>, or the next link of an <c>imports</c>/<c>requires</c> chain). Rules match one record at a time
/// so details of one error (a proxy's server response) are not mistaken for a second error.
/// </summary>
public sealed partial record OutputRecord(int FirstLine, int LastLine, string Text)
{
    /// <summary>The text with space-indented continuation lines joined to the line before, or null when there are none.</summary>
    public OutputRecord? Unwrapped()
    {
        if (!Text.Contains("\n ", StringComparison.Ordinal))
        {
            return null;
        }
        return this with { Text = WrappedLine().Replace(Text, " ") };
    }

    internal static IReadOnlyList<OutputRecord> Split(IReadOnlyList<string> lines)
    {
        var records = new List<OutputRecord>();
        var start = -1;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Trim().Length == 0)
            {
                Close(i - 1);
                continue;
            }
            var continues = start >= 0 && (char.IsWhiteSpace(line[0]) || EndsChain(lines[i - 1]));
            if (!continues)
            {
                Close(i - 1);
                start = i;
            }
        }
        Close(lines.Count - 1);
        return records;

        void Close(int last)
        {
            if (start >= 0 && last >= start)
            {
                records.Add(new OutputRecord(start, last, string.Join('\n', lines.Skip(start).Take(last - start + 1))));
            }
            start = -1;
        }
    }

    private static bool EndsChain(string line)
    {
        var t = line.TrimEnd();
        return t.EndsWith(" requires", StringComparison.Ordinal)
            || t.EndsWith(" imports", StringComparison.Ordinal)
            || t.EndsWith(" updating to", StringComparison.Ordinal)
            || t.EndsWith(" to add it:", StringComparison.Ordinal)
            || t.EndsWith("; to add:", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\n +")]
    private static partial Regex WrappedLine();
}
