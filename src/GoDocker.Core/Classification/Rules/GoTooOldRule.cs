using System.Text.RegularExpressions;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Classification.Rules;

/// <summary>
/// GD6008: <c>go.mod requires go >= X (running go Y; GOTOOLCHAIN=local)</c> (Go 1.21+), for the main module or a
/// dependency. The fix is a base image with a newer Go, so it points at GoBaseImage, else at the go line.
/// </summary>
public sealed partial class GoTooOldRule : RecordRule
{
    protected override IReadOnlyList<string> Phrases { get; } = ["requires go >="];

    protected override IEnumerable<OutputFinding> Match(OutputRecord record)
    {
        foreach (Match m in TooNew().Matches(record.Text))
        {
            var who = m.Groups["who"].Value;
            PositionHint position = new PropertyPosition("GoBaseImage");
            if (GoMessage.ModuleBefore(who + ":", who.Length + 1) is { Version: not null } dependency)
            {
                position = new RequirePosition(dependency.Path).OrElse(position);
            }
            else
            {
                position = position.OrElse(new DirectivePosition("go"));
            }
            var toolchain = m.Groups["toolchain"].Success ? m.Groups["toolchain"].Value : "local";
            yield return new OutputFinding(DiagnosticCatalog.GoTooOld, [who, m.Groups["need"].Value, m.Groups["have"].Value, toolchain],
                position, record.FirstLine, record.LastLine, $"{DiagnosticCatalog.GoTooOld.Code}|{who}");
        }
    }

    [GeneratedRegex(@"(?:module )?(?<who>[^\s:]+) requires go >= (?<need>[\w.+-]+) \(running go (?<have>[\w.+-]+)(?:; GOTOOLCHAIN=(?<toolchain>[^\s)]+))?\)")]
    private static partial Regex TooNew();
}
