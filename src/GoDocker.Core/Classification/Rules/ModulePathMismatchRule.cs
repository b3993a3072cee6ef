using System.Text.RegularExpressions;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Classification.Rules;

/// <summary>
/// GD6020: <c>parsing go.mod: module declares its path as: X but was required as: Y</c>, typically a fork required
/// under its own path while its go.mod still names the original. Points at the require line of Y.
/// </summary>
public sealed partial class ModulePathMismatchRule : RecordRule
{
    protected override IReadOnlyList<string> Phrases { get; } = ["module declares its path as"];

    protected override IEnumerable<OutputFinding> Match(OutputRecord record)
    {
        foreach (Match m in Mismatch().Matches(record.Text))
        {
            var required = m.Groups["required"].Value;
            var mention = GoMessage.ModuleBefore(record.Text, m.Index);
            var version = mention is not null && mention.Path == required ? mention.Version ?? "latest" : mention?.Version ?? "latest";
            yield return new OutputFinding(DiagnosticCatalog.ModulePathMismatch, [required, version, m.Groups["declared"].Value],
                new RequirePosition(required), record.FirstLine, record.LastLine, $"{DiagnosticCatalog.ModulePathMismatch.Code}|{required}");
        }
    }

    [GeneratedRegex(@"module declares its path as: (?<declared>\S+)\s+but was required as: (?<required>\S+)")]
    private static partial Regex Mismatch();
}
