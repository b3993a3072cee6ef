using System.Text.RegularExpressions;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Classification.Rules;

/// <summary>
/// GD1017: the go command rejects its own environment before touching a module: modules turned off
/// (<c>modules disabled by GO111MODULE=off</c>, <c>unknown environment setting GO111MODULE=</c>) or GOFLAGS that do
/// not parse or contradict the mode (<c>parsing $GOFLAGS</c>, <c>invalid value ... (from $GOFLAGS)</c>,
/// <c>-mod may only be set to readonly ... workspace mode</c>, <c>build flag -mod=... only valid when using modules</c>).
/// </summary>
public sealed partial class GoEnvironmentConflictRule : RecordRule
{
    protected override IReadOnlyList<string> Phrases { get; } = ["GO111MODULE", "GOFLAGS", "-mod"];

    protected override IEnumerable<OutputFinding> Match(OutputRecord record)
    {
        var m = Conflict().Match(record.Text);
        if (!m.Success)
        {
            yield break;
        }
        var flags = m.Groups["flags"].Success;
        var advice = flags
            ? "Fix GoFlags (or GOFLAGS in the base image): each word must be a flag the go command knows, with a value valid in module mode."
            : "Module downloads need module mode: remove GO111MODULE=off (or 'auto' outside a module) from the base image, GOENV or GoFlags.";
        yield return new OutputFinding(DiagnosticCatalog.GoEnvironmentConflict, [m.Value.Trim(), advice],
            flags ? new PropertyPosition("GoFlags") : PositionHint.None,
            record.FirstLine, record.LastLine, $"{DiagnosticCatalog.GoEnvironmentConflict.Code}|{m.Value.Trim()}");
    }

    [GeneratedRegex(@"modules disabled by GO111MODULE=\w+|unknown environment setting GO111MODULE=\S*|(?<flags>parsing \$GOFLAGS: [^\n]+|invalid value ""[^""]*"" for flag -\w+ \(from \$GOFLAGS\)[^\n]*|-mod may only be set to [^\n]+|build flag -mod=\S+ only valid when using modules)")]
    private static partial Regex Conflict();
}
