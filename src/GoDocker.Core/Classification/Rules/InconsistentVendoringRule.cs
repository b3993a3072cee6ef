using System.Text.RegularExpressions;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Classification.Rules;

/// <summary>
/// GD2042: <c>go: inconsistent vendoring in DIR:</c> followed by one line per module whose go.mod requirement and
/// vendor/modules.txt entry disagree. Points at the first module's require line; the fix is 'go mod vendor'.
/// </summary>
public sealed partial class InconsistentVendoringRule : RecordRule
{
    protected override IReadOnlyList<string> Phrases { get; } = ["inconsistent vendoring"];

    protected override IEnumerable<OutputFinding> Match(OutputRecord record)
    {
        var m = Header().Match(record.Text);
        if (!m.Success)
        {
            yield break;
        }
        var modules = Entry().Matches(record.Text[m.Index..]).ToList();
        var first = modules.FirstOrDefault();
        var details = modules.Count == 0
            ? "go names no module"
            : string.Join("; ", modules.Take(3).Select(e => $"{e.Groups["module"].Value}: {e.Groups["problem"].Value.Trim()}"))
                + (modules.Count > 3 ? $"; and {modules.Count - 3} more" : "");
        var position = first is null ? PositionHint.None : new RequirePosition(first.Groups["path"].Value);
        yield return new OutputFinding(DiagnosticCatalog.InconsistentVendoring, [m.Groups["dir"].Value, details], position,
            record.FirstLine, record.LastLine, DiagnosticCatalog.InconsistentVendoring.Code);
    }

    [GeneratedRegex(@"inconsistent vendoring in (?<dir>[^\n]*?):?$", RegexOptions.Multiline)]
    private static partial Regex Header();

    // "\tcloud.google.com/go@v0.66.0: is explicitly required in go.mod, but not marked as explicit in vendor/modules.txt"
    // and the @version-less "github.com/docker/docker: is marked as replaced in vendor/modules.txt, but ...".
    [GeneratedRegex(@"^\s+(?<module>(?<path>[A-Za-z0-9][^\s@:]*\.[^\s@:]*)(?:@[^\s:]+)?): (?<problem>is [^\n]+)$", RegexOptions.Multiline)]
    private static partial Regex Entry();
}
