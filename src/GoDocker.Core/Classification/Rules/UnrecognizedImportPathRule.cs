using System.Text.RegularExpressions;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Classification.Rules;

/// <summary>
/// GD6011: <c>unrecognized import path "P": ...</c>: the go-get lookup for a direct fetch failed (404, no meta tag).
/// Network and TLS causes inside the message are more precise and are matched first by their own rules.
/// </summary>
public sealed partial class UnrecognizedImportPathRule : RecordRule
{
    protected override IReadOnlyList<string> Phrases { get; } = ["unrecognized import path"];

    protected override IEnumerable<OutputFinding> Match(OutputRecord record)
    {
        foreach (Match m in Unrecognized().Matches(record.Text))
        {
            var path = m.Groups["path"].Value;
            var reason = m.Groups["reason"].Value.Trim().TrimStart(':').Trim().TrimStart('(').TrimEnd(')').Trim();
            var module = GoMessage.ModuleBefore(record.Text, m.Index)?.Path ?? path;
            yield return new OutputFinding(DiagnosticCatalog.UnrecognizedImportPath, [path, reason.Length == 0 ? "no details" : reason],
                new RequirePosition(module, OrParent: true), record.FirstLine, record.LastLine, $"{DiagnosticCatalog.UnrecognizedImportPath.Code}|{path}");
        }
    }

    [GeneratedRegex(@"unrecognized import path ""(?<path>[^""]+)""(?<reason>[^\n]*)")]
    private static partial Regex Unrecognized();
}
