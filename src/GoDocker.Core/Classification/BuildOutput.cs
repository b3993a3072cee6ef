using System.Text.RegularExpressions;

namespace GoDocker.Core.Classification;

/// <summary>
/// The text of a go or docker build run, cleaned for matching: ANSI codes removed, carriage-return redraws collapsed,
/// and BuildKit's <c>#12 0.345 </c> step/time prefixes stripped, so the go command's own lines read as go printed them.
/// </summary>
public sealed partial class BuildOutput
{
    private BuildOutput(IReadOnlyList<string> lines)
    {
        Lines = lines;
        Records = OutputRecord.Split(lines);
    }

    /// <summary>The cleaned lines, blank ones included so line numbers stay meaningful for records.</summary>
    public IReadOnlyList<string> Lines { get; }

    /// <summary>The messages of the output, each a line with its continuation lines.</summary>
    public IReadOnlyList<OutputRecord> Records { get; }

    public static BuildOutput Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = Ansi().Replace(text, "");
        var lines = new List<string>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            // A bare CR redraws the line (progress bars); only the last drawing is what the user saw.
            var cr = line.LastIndexOf('\r');
            if (cr >= 0)
            {
                line = line[(cr + 1)..];
            }
            line = StripBuildKitPrefix(line).TrimEnd();
            if (JsonError().Match(line) is { Success: true } json && DecodeJsonString(json.Groups["value"].Value) is { } error)
            {
                // go mod download -json (verify --in-container reads it): the error as go would have printed it.
                lines.AddRange(error.Split('\n').Select(l => l.TrimEnd()));
                continue;
            }
            lines.Add(line);
        }
        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }
        return new BuildOutput(lines);
    }

    /// <summary>
    /// The lines a person would want to see when nothing was recognized: no blanks, no BuildKit bookkeeping
    /// (digests, DONE/CACHED, transfer counters, separators, the Dockerfile excerpt).
    /// </summary>
    public IReadOnlyList<string> MeaningfulLines(int count)
    {
        var meaningful = Lines.Where(IsMeaningful).ToList();
        return meaningful.Skip(Math.Max(0, meaningful.Count - count)).ToList();
    }

    public static bool IsMeaningful(string line)
    {
        var trimmed = line.Trim();
        return trimmed.Length > 0 && !BuildKitNoise().IsMatch(trimmed);
    }

    private static string? DecodeJsonString(string literal)
    {
        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<string>(literal);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    internal static string StripBuildKitPrefix(string line)
    {
        var match = BuildKitPrefix().Match(line);
        return match.Length > 0 ? line[match.Length..] : line;
    }

    // CI timestamps first (GitHub Actions "2024-05-06T17:31:07.1234567Z ", "[2020-06-15T01:17:55.889Z] ", "##[error]"),
    // then "#6 0.053 go: ..." (plain progress), "#6 ERROR: ..." and, in buildx error summaries, "0.059 go: ...".
    [GeneratedRegex(@"^(?:\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z |\[\d{4}-\d\d-\d\dT[^\]]*\] )?(?:##\[(?:error|warning|notice|debug)\])?(?:#\d+ (?:\d+\.\d+ )?|\d+\.\d{2,3} )?")]
    private static partial Regex BuildKitPrefix();

    [GeneratedRegex(@"^\s*""Error"":\s*(?<value>"".*"")\s*,?$")]
    private static partial Regex JsonError();

    [GeneratedRegex(@"\x1B(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1B]*(?:\x07|\x1B\\)|[@-Z\\-_])")]
    private static partial Regex Ansi();

    [GeneratedRegex(@"^(?:sha256:[0-9a-f]{64}|DONE \d+(?:\.\d+)?s|CACHED|transferring \w+:.*|-{3,}|Dockerfile:\d+|\d+ \|.*|>>>.*|resolve docker\.io/.* done|extracting sha256:.*|\[\+\] Building .*|=> (?!.*ERROR).*|writing image .*|naming to .*|exporting .*)$")]
    private static partial Regex BuildKitNoise();
}
