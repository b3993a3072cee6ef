using System.Text.RegularExpressions;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Classification.Rules;

/// <summary>GD6006: <c>M@V: [invalid version: ]unknown revision R</c>, a commit or tag the repository no longer has.</summary>
public sealed partial class UnknownRevisionRule : RecordRule
{
    protected override IReadOnlyList<string> Phrases { get; } = ["unknown revision"];

    protected override IEnumerable<OutputFinding> Match(OutputRecord record)
    {
        foreach (Match m in Unknown().Matches(record.Text))
        {
            var mention = GoMessage.ModuleBefore(record.Text, m.Index);
            if (mention is null)
            {
                continue;
            }
            yield return new OutputFinding(DiagnosticCatalog.UnknownRevision, [mention.ToString(), m.Groups["rev"].Value],
                new RequirePosition(mention.Path), record.FirstLine, record.LastLine, $"{DiagnosticCatalog.UnknownRevision.Code}|{mention.Path}");
        }
    }

    [GeneratedRegex(@"unknown revision (?<rev>[^\s:]+)")]
    private static partial Regex Unknown();
}
