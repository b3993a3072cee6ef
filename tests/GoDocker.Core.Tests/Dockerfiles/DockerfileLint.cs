using System.Text.Json;
using System.Text.RegularExpressions;

namespace GoDocker.Core.Tests.Dockerfiles;

/// <summary>One instruction of a parsed Dockerfile: keyword, the text after it (continuations joined), first line.</summary>
internal sealed record DockerfileInstruction(string Keyword, string Arguments, int Line);

/// <summary>
/// A small Dockerfile parser and the hadolint rules that apply to generated files, so tests can prove the output is
/// well-formed (known instructions, correct continuations) and lint-clean without hadolint installed.
/// </summary>
internal static partial class DockerfileLint
{
    private static readonly HashSet<string> Known =
    [
        "FROM", "RUN", "CMD", "LABEL", "MAINTAINER", "EXPOSE", "ENV", "ADD", "COPY", "ENTRYPOINT", "VOLUME", "USER",
        "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL",
    ];

    /// <summary>Parses like BuildKit's parser; structural problems are returned as violations.</summary>
    public static (List<DockerfileInstruction> Instructions, List<string> Violations) Parse(string text)
    {
        var instructions = new List<DockerfileInstruction>();
        var violations = new List<string>();
        if (text.Contains('\r'))
        {
            violations.Add("CR line endings");
        }
        if (!text.EndsWith('\n'))
        {
            violations.Add("no final newline");
        }
        var lines = text.Split('\n');
        string? current = null;
        var start = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.EndsWith(' ') || line.EndsWith('\t'))
            {
                violations.Add($"line {i + 1}: trailing whitespace");
            }
            if (current is null)
            {
                if (line.Length == 0 || line.StartsWith('#'))
                {
                    if (line.StartsWith("# syntax=", StringComparison.Ordinal) && i != 0)
                    {
                        violations.Add($"line {i + 1}: the syntax directive must be the first line");
                    }
                    continue;
                }
                if (char.IsWhiteSpace(line[0]))
                {
                    violations.Add($"line {i + 1}: indented line outside a continuation");
                }
                current = line;
                start = i + 1;
            }
            else
            {
                if (line.Length == 0)
                {
                    violations.Add($"line {i + 1}: empty line inside a continued instruction");
                }
                else if (line.TrimStart().StartsWith('#'))
                {
                    violations.Add($"line {i + 1}: comment inside a continued instruction is dropped by the parser");
                }
                else if (!line.StartsWith("    ", StringComparison.Ordinal))
                {
                    violations.Add($"line {i + 1}: continuation line is not indented");
                }
                current = current[..^1] + " " + line.TrimStart();
            }
            if (current.EndsWith('\\'))
            {
                if (i == lines.Length - 1 || (i == lines.Length - 2 && lines[^1].Length == 0))
                {
                    violations.Add($"line {i + 1}: dangling line continuation at the end of the file");
                    current = null;
                }
                continue;
            }
            var space = current.IndexOf(' ');
            var keyword = space < 0 ? current : current[..space];
            if (!Known.Contains(keyword.ToUpperInvariant()) || keyword != keyword.ToUpperInvariant())
            {
                violations.Add($"line {start}: unknown or lowercase instruction '{keyword}'");
            }
            instructions.Add(new DockerfileInstruction(keyword.ToUpperInvariant(), space < 0 ? "" : current[(space + 1)..], start));
            current = null;
        }
        if (instructions.Count == 0 || instructions[0].Keyword is not ("FROM" or "ARG"))
        {
            violations.Add("the first instruction is not FROM");
        }
        return (instructions, violations);
    }

    /// <summary>Structural problems plus hadolint DL3000, DL3002, DL3006, DL3007, DL3025, DL3045 and DL4006.</summary>
    public static List<string> Check(string text)
    {
        var (instructions, violations) = Parse(text);
        var stages = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var workdirSet = false;
        string? lastUser = null;
        var pipefail = false;
        foreach (var instruction in instructions)
        {
            var args = instruction.Arguments;
            switch (instruction.Keyword)
            {
                case "FROM":
                {
                    var words = args.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToList();
                    var image = words.Count > 0 ? words[0] : "";
                    if (words.Count >= 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase))
                    {
                        stages.Add(words[2]);
                    }
                    var isStage = stages.Contains(image) && !(words.Count >= 3 && words[2] == image);
                    var isScratch = image == "scratch";
                    var name = image.Split('@')[0];
                    var hasTag = name.LastIndexOf(':') > name.LastIndexOf('/');
                    if (!isStage && !isScratch && !hasTag && !image.Contains('@'))
                    {
                        violations.Add($"DL3006 line {instruction.Line}: always tag the version of an image explicitly ({image})");
                    }
                    if (!isStage && name.EndsWith(":latest", StringComparison.Ordinal))
                    {
                        violations.Add($"DL3007 line {instruction.Line}: using latest is prone to errors ({image})");
                    }
                    workdirSet = isStage && workdirSet;
                    lastUser = isStage ? lastUser : null;
                    break;
                }
                case "WORKDIR":
                    if (!args.StartsWith('/') && !args.StartsWith('$'))
                    {
                        violations.Add($"DL3000 line {instruction.Line}: use absolute WORKDIR ({args})");
                    }
                    workdirSet = true;
                    break;
                case "USER":
                    lastUser = args.Trim();
                    break;
                case "CMD" or "ENTRYPOINT":
                    if (!IsJsonArray(args))
                    {
                        violations.Add($"DL3025 line {instruction.Line}: use arguments JSON notation for {instruction.Keyword}");
                    }
                    break;
                case "COPY" or "ADD":
                {
                    var words = args.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToList();
                    var destination = words.Count > 0 ? words[^1] : "";
                    if (!workdirSet && !destination.StartsWith('/') && !destination.StartsWith('$'))
                    {
                        violations.Add($"DL3045 line {instruction.Line}: COPY to a relative destination without WORKDIR set ({destination})");
                    }
                    break;
                }
                case "SHELL":
                    pipefail = args.Contains("pipefail", StringComparison.Ordinal);
                    break;
                case "RUN":
                    if (PipeRegex().IsMatch(RemoveQuoted(args)) && !pipefail)
                    {
                        violations.Add($"DL4006 line {instruction.Line}: set the SHELL option -o pipefail before RUN with a pipe in it");
                    }
                    break;
            }
        }
        var final = lastUser;
        if (final is null || final == "root" || final.StartsWith("0:", StringComparison.Ordinal) || final == "0")
        {
            violations.Add("DL3002: the last USER should not be root");
        }
        return violations;
    }

    private static bool IsJsonArray(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.ValueKind == JsonValueKind.Array && doc.RootElement.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The text with single- and double-quoted parts removed, so a quoted '|' is not a pipe.</summary>
    internal static string RemoveQuoted(string text) => QuotedRegex().Replace(text, "''");

    [GeneratedRegex(@"(?<!\|)\|(?!\|)")]
    private static partial Regex PipeRegex();

    [GeneratedRegex(@"'[^']*'|""(?:[^""\\]|\\.)*""")]
    private static partial Regex QuotedRegex();
}
