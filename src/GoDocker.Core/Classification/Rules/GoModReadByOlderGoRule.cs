using System.Globalization;
using System.Text.RegularExpressions;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Classification.Rules;

/// <summary>
/// An older Go reading a go.mod written for a newer one: GD2007 <c>go.mod:5: unknown directive: toolchain</c> and
/// GD2008 <c>invalid go version '1.21.0': must match format 1.23</c> (three-part versions arrived in Go 1.21).
/// The go.mod may be the project's (point at that line) or a dependency's (point at its require line).
/// </summary>
public sealed partial class GoModReadByOlderGoRule : RecordRule
{
    protected override IReadOnlyList<string> Phrases { get; } = ["unknown directive", "invalid go version"];

    protected override IEnumerable<OutputFinding> Match(OutputRecord record)
    {
        foreach (Match m in OlderGo().Matches(record.Text))
        {
            var dependency = DependencyParsing().Match(record.Text[..m.Index]) is { Success: true } d
                ? GoMessage.ModuleBefore(d.Value, d.Value.Length) : null;
            PositionHint position;
            if (dependency is not null)
            {
                position = new RequirePosition(dependency.Path);
            }
            else if (m.Groups["line"].Success)
            {
                position = new GoModLinePosition(int.Parse(m.Groups["line"].Value, CultureInfo.InvariantCulture));
            }
            else
            {
                position = PositionHint.None;
            }
            var owner = dependency is null ? "go.mod" : $"the go.mod of {dependency}";
            if (m.Groups["directive"].Success)
            {
                var directive = m.Groups["directive"].Value;
                if (!m.Groups["line"].Success && dependency is null)
                {
                    position = new DirectivePosition(directive);
                }
                yield return new OutputFinding(DiagnosticCatalog.UnknownDirective, [directive], position,
                    record.FirstLine, record.LastLine, $"{DiagnosticCatalog.UnknownDirective.Code}|{owner}|{directive}");
                continue;
            }
            var version = m.Groups["version"].Value;
            var message = $"{owner}: invalid go version '{version}': must match format {m.Groups["format"].Value}. "
                + (ThreePart().IsMatch(version)
                    ? $"The Go in the image is older than 1.21 and cannot read the version '{version}'; use a base image with Go 1.21 or later."
                    : "Fix the 'go' line.");
            if (!m.Groups["line"].Success && dependency is null)
            {
                position = new DirectivePosition("go");
            }
            yield return new OutputFinding(DiagnosticCatalog.InvalidGoVersion, [message], position,
                record.FirstLine, record.LastLine, $"{DiagnosticCatalog.InvalidGoVersion.Code}|{owner}|{version}");
        }
    }

    [GeneratedRegex(@"(?:go\.mod:(?<line>\d+): )?(?:unknown directive: (?<directive>\w+)|invalid go version '(?<version>[^']+)': must match format (?<format>[\d.]+))")]
    private static partial Regex OlderGo();

    // "example.com/dep@v1.0.6: parsing go.mod:" right before the error means the go.mod is that dependency's.
    [GeneratedRegex(@"\S+@\S+: parsing go\.mod:\s*$")]
    private static partial Regex DependencyParsing();

    [GeneratedRegex(@"^\d+\.\d+(?:\.\d+|rc\d+|beta\d+)$")]
    private static partial Regex ThreePart();
}
