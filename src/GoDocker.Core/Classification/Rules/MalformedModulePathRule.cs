using System.Text.RegularExpressions;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Classification.Rules;

/// <summary>
/// GD6009: <c>malformed module path "X": missing dot in first path element</c>: a path without its host, or a
/// standard-library package (embed, io/fs) that the Go in the image is too old to have.
/// </summary>
public sealed partial class MalformedModulePathRule : RecordRule
{
    protected override IReadOnlyList<string> Phrases { get; } = ["malformed module path"];

    protected override IEnumerable<OutputFinding> Match(OutputRecord record)
    {
        foreach (Match m in Malformed().Matches(record.Text))
        {
            var path = m.Groups["path"].Value;
            var reason = m.Groups["reason"].Value.Trim();
            if (reason.StartsWith("missing dot in first path element", StringComparison.Ordinal))
            {
                reason += $" (module paths start with a host name, as in 'github.com/{path}'; if '{path}' is a standard-library package, the Go in the image is too old to have it)";
            }
            yield return new OutputFinding(DiagnosticCatalog.MalformedModulePath, [path, reason],
                new RequirePosition(path), record.FirstLine, record.LastLine, $"{DiagnosticCatalog.MalformedModulePath.Code}|{path}");
        }
    }

    [GeneratedRegex(@"malformed module path ""(?<path>[^""]*)""(?::\s*(?<reason>[^\n]+))?")]
    private static partial Regex Malformed();
}
