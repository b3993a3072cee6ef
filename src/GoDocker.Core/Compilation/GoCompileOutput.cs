using System.Collections.Immutable;
using System.Text.RegularExpressions;
using GoDocker.Core.Classification;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.Dockerfiles;

namespace GoDocker.Core.Compilation;

/// <summary>
/// Turns the build stage's output (BuildKit plain progress and its final error block, cleaned by
/// <see cref="BuildOutput"/>) into diagnostics at the Go source positions: <c>./pkg/x.go:12:5: undefined: Foo</c>
/// becomes GD8001 at <c>pkg/x.go(12,5)</c> on the host; after the <see cref="DockerfileWriter.VetMarker"/> line the
/// same shape is a go vet finding (GD8002). The error block repeats the step's lines, so each finding is kept once.
/// </summary>
public static partial class GoCompileOutput
{
    public static ImmutableArray<Diagnostic> Parse(string output, GoSourceMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var lines = BuildOutput.Parse(output).Lines;
        var found = new List<(Diagnostic Diagnostic, string Key)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var vet = false;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Trim() == DockerfileWriter.VetMarker)
            {
                vet = true;
                continue;
            }
            if (IsStepHeader(line))
            {
                // The error block replays the step from its start: compile errors, then the marker, then vet.
                vet = false;
                continue;
            }
            if (Position().Match(line) is not { Success: true } match)
            {
                continue;
            }
            var message = match.Groups["message"].Value.Trim();
            // Type errors continue on tab-indented lines ("have (int)", "want (string)").
            while (i + 1 < lines.Count && lines[i + 1].StartsWith('\t'))
            {
                message += " " + lines[++i].Trim();
            }
            var file = match.Groups["file"].Value;
            var host = map.ToHost(file);
            var lineNumber = int.Parse(match.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture);
            var column = match.Groups["column"].Success ? int.Parse(match.Groups["column"].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
            var location = host is null ? null : new SourceLocation(host, lineNumber, column);
            var text = host is null ? $"{file}:{lineNumber}{(column > 0 ? $":{column}" : "")}: {message}" : message;
            var descriptor = message == "too many errors" ? DiagnosticCatalog.GoErrorsTruncated
                : vet || match.Groups["vet"].Success ? DiagnosticCatalog.GoVetFinding
                : DiagnosticCatalog.GoCompileError;
            var key = $"{descriptor.Code}|{file.TrimStart('.', '/')}|{lineNumber}|{column}|{message}";
            if (!seen.Add(key))
            {
                continue;
            }
            found.Add((descriptor == DiagnosticCatalog.GoErrorsTruncated
                ? descriptor.Create(location, Path.GetDirectoryName(host ?? file) is { Length: > 0 } folder ? folder : file)
                : descriptor.Create(location, text), key));
        }
        return [.. found.Select(f => f.Diagnostic)];
    }

    /// <summary>The failed step's last meaningful lines, for a failure go gave no position for (GD8003).</summary>
    public static string Tail(string output, int count = 10)
    {
        var lines = BuildOutput.Parse(output).MeaningfulLines(count + 5)
            .Where(l => !IsStepHeader(l) && l.Trim() != DockerfileWriter.VetMarker)
            .ToList();
        return string.Join('\n', lines.Skip(Math.Max(0, lines.Count - count)).Select(l => "  " + l.Trim()));
    }

    private static bool IsStepHeader(string line) => StepHeader().IsMatch(line);

    // "./main.go:7:2: undefined: Foo", "pkg/x.go:12: msg" (no column), "vet: ./x.go:3:1: ...", "/src/x.go:1:1: ...".
    [GeneratedRegex(@"^(?<vet>vet: )?(?<file>(?:\.{1,2}/|/)?[^\s:][^:\n]*?\.go):(?<line>\d+)(?::(?<column>\d+))?: (?<message>.+)$")]
    private static partial Regex Position();

    // "[build 2/2] RUN ..." (plain progress, its prefix stripped) and " > [build 2/2] RUN ...:" (the error block).
    [GeneratedRegex(@"^\s*(?:> )?\[(?:[\w-]+ )?\d+/\d+\] ")]
    private static partial Regex StepHeader();
}
