using System.Text.RegularExpressions;

namespace GoDocker.Sdk.Tests.Infrastructure;

/// <summary>A diagnostic as MSBuild prints it in canonical form: <c>file(line,col): error GD1234: message [project]</c>.</summary>
public sealed partial record BuildDiagnostic(string File, int Line, int Column, string Severity, string Code, string Message)
{
    public static IReadOnlyList<BuildDiagnostic> Parse(string output) =>
        output.Split('\n')
            .Select(l => Canonical().Match(NodePrefix().Replace(l.Trim(), "")))
            .Where(m => m.Success)
            .Select(m => new BuildDiagnostic(
                m.Groups["file"].Value,
                m.Groups["line"].Success ? int.Parse(m.Groups["line"].Value) : 0,
                m.Groups["col"].Success ? int.Parse(m.Groups["col"].Value) : 0,
                m.Groups["severity"].Value,
                m.Groups["code"].Value,
                m.Groups["message"].Value))
            .Distinct()
            .ToList();

    [GeneratedRegex(@"^\d+>")]
    private static partial Regex NodePrefix();

    [GeneratedRegex(@"^(?<file>[^\s(][^(]*?)(?:\((?<line>\d+)(?:,(?<col>\d+))?(?:,\d+,\d+)?\))?\s*:\s+(?<severity>error|warning) (?<code>GD\d{4}): (?<message>.*?)(?: \[[^\]]+\])?$")]
    private static partial Regex Canonical();
}
