using System.Text.RegularExpressions;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Classification.Rules;

/// <summary>
/// GD6021: <c>go: updates to go.mod needed; to update it: go mod tidy</c> (also "disabled by -mod=readonly"): the
/// committed go.mod lacks requirements, and a build must not edit it. Points at the module line.
/// </summary>
public sealed partial class GoModNeedsUpdatesRule : RecordRule
{
    protected override IReadOnlyList<string> Phrases { get; } = ["updates to go.mod needed"];

    protected override IEnumerable<OutputFinding> Match(OutputRecord record)
    {
        var m = Needed().Match(record.Text);
        if (m.Success)
        {
            yield return new OutputFinding(DiagnosticCatalog.GoModNeedsUpdates, [m.Value.TrimEnd(';', ',')],
                new DirectivePosition("module"), record.FirstLine, record.LastLine, DiagnosticCatalog.GoModNeedsUpdates.Code);
        }
    }

    [GeneratedRegex(@"updates to go\.mod needed(?:, disabled by -mod=\w+)?")]
    private static partial Regex Needed();
}
