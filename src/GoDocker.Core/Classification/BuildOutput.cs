using System.Text.RegularExpressions;

namespace GoDocker.Core.Classification;

/// <summary>
/// The text of a go or docker build run, cleaned for matching: ANSI codes removed, carriage-return redraws collapsed,
/// and BuildKit's <c>#12 0.345 </c> step/time prefixes stripped, so the go command's own lines read as go printed them.
/// <c>--progress rawjson</c> output is first turned into the lines plain progress prints (<see cref="BuildKitRawJson"/>).
/// </summary>
public sealed partial class BuildOutput
{
    private BuildOutput(IReadOnlyList<string> lines, IReadOnlyList<ModuleError> moduleErrors)
    {
        Lines = lines;
        Records = OutputRecord.Split(lines);
        ModuleErrors = moduleErrors;
    }

    /// <summary>
    /// The failed modules of <c>go mod download -json</c> output: the module is known from the object's Path and
    /// Version fields, whatever words the go release chose for the Error.
    /// </summary>
    public IReadOnlyList<ModuleError> ModuleErrors { get; }

    /// <summary>The cleaned lines, blank ones included so line numbers stay meaningful for records.</summary>
    public IReadOnlyList<string> Lines { get; }

    /// <summary>The messages of the output, each a line with its continuation lines.</summary>
    public IReadOnlyList<OutputRecord> Records { get; }

    public static BuildOutput Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (BuildKitRawJson.Contains(text))
        {
            text = BuildKitRawJson.ToPlain(text);
        }
        text = Ansi().Replace(text, "");
        var lines = new List<string>();
        var moduleErrors = new List<ModuleError>();
        var json = new JsonObjectReader();
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
            switch (json.Read(line))
            {
                case JsonLine.Error:
                    // go mod download -json: the error as go would have printed it, ended by a blank line so the
                    // record holds this module's error only.
                    var first = lines.Count;
                    lines.AddRange(json.Error!.Split('\n').Select(l => l.TrimEnd()));
                    if (json.Path is { } path)
                    {
                        moduleErrors.Add(new ModuleError(path, json.Version, first, lines.Count - 1));
                    }
                    lines.Add("");
                    continue;
                case JsonLine.Field:
                    continue;
            }
            lines.Add(line);
        }
        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }
        return new BuildOutput(lines, moduleErrors);
    }

    /// <summary>
    /// The lines a person would want to see when nothing was recognized: no blanks, no BuildKit bookkeeping
    /// (digests, DONE/CACHED, transfer counters, separators, the Dockerfile excerpt; Buildah's layer ids, COMMIT and pull progress).
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

    private enum JsonLine
    {
        Text,
        Field,
        Error,
    }

    /// <summary>Follows the objects go prints one field a line (<c>{</c>, <c>"Path": "..."</c>, ..., <c>}</c>).</summary>
    private sealed class JsonObjectReader
    {
        public string? Path { get; private set; }
        public string? Version { get; private set; }
        public string? Error { get; private set; }

        public JsonLine Read(string line)
        {
            if (JsonField().Match(line) is not { Success: true } field)
            {
                if (line == "{")
                {
                    Path = Version = null;
                }
                // Braces of the object and of nested ones ("Origin": {, Go 1.21+ with -reuse).
                return line.Trim() is "{" or "}" or "}," or "]" or "]," || NestedOpen().IsMatch(line) ? JsonLine.Field : JsonLine.Text;
            }
            var value = DecodeJsonString(field.Groups["value"].Value);
            switch (field.Groups["key"].Value)
            {
                case "Path":
                    Path = value;
                    break;
                case "Version":
                    Version = value;
                    break;
                case "Error" when value is not null:
                    Error = value;
                    return JsonLine.Error;
            }
            return JsonLine.Field;
        }
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

    // A string field of go's -json output; other fields (numbers, nested objects) are noise to the rules.
    [GeneratedRegex(@"^\s*""(?<key>[A-Z]\w*)"":\s*(?<value>"".*""|true|false|-?\d+)\s*,?$")]
    private static partial Regex JsonField();

    [GeneratedRegex(@"^\s+""[A-Z]\w*"":\s*[\[{]$")]
    private static partial Regex NestedOpen();

    [GeneratedRegex(@"\x1B(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1B]*(?:\x07|\x1B\\)|[@-Z\\-_])")]
    private static partial Regex Ansi();

    [GeneratedRegex(@"^(?:sha256:[0-9a-f]{64}|DONE \d+(?:\.\d+)?s|CACHED|transferring \w+:.*|-{3,}|Dockerfile:\d+|\d+ \|.*|>>>.*|resolve docker\.io/.* done|extracting sha256:.*|\[\+\] Building .*|=> (?!.*ERROR).*|writing image .*|naming to .*|exporting .*|--> .*|(?:\[\d+/\d+\] )?COMMIT.*|[0-9a-f]{64}|Trying to pull .*|Getting image source signatures|Copying (?:blob|config) .*|Writing manifest to image destination|Storing signatures)$")]
    private static partial Regex BuildKitNoise();
}
