using System.Text.RegularExpressions;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Classification.Rules;

/// <summary>GD1011: <c>module lookup disabled by GOPROXY=off</c>: the build may not download a module it lacks.</summary>
public sealed partial class GoProxyOffRule : RecordRule
{
    protected override IReadOnlyList<string> Phrases { get; } = ["disabled by GOPROXY=off"];

    protected override IEnumerable<OutputFinding> Match(OutputRecord record)
    {
        var m = Off().Match(record.Text);
        if (!m.Success)
        {
            yield break;
        }
        var mention = GoMessage.ModuleBefore(record.Text, m.Index);
        var module = mention?.Path ?? "a module";
        PositionHint position = new PropertyPosition("GoProxy");
        if (mention is not null)
        {
            position = position.OrElse(new RequirePosition(mention.Path));
        }
        yield return new OutputFinding(DiagnosticCatalog.GoProxyOff, [module], position, record.FirstLine, record.LastLine, $"{DiagnosticCatalog.GoProxyOff.Code}|{module}");
    }

    [GeneratedRegex(@"module lookup disabled by GOPROXY=off")]
    private static partial Regex Off();
}
