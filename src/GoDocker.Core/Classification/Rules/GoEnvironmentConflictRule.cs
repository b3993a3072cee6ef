using System.Text.RegularExpressions;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Classification.Rules;

/// <summary>
/// GD1017: the go command rejects its own environment before touching a module: modules turned off
/// (<c>modules disabled by GO111MODULE=off</c>, <c>unknown environment setting GO111MODULE=</c>) or GOFLAGS that do
/// not parse or contradict the mode (<c>parsing $GOFLAGS</c>, <c>invalid value ... (from $GOFLAGS)</c>,
/// <c>-mod may only be set to readonly ... workspace mode</c>, <c>build flag -mod=... only valid when using modules</c>),
/// and GOAUTH values go cannot use (Go 1.24+: <c>GOAUTH=git dir method requires an absolute path ...</c>).
/// </summary>
public sealed partial class GoEnvironmentConflictRule : RecordRule
{
    protected override IReadOnlyList<string> Phrases { get; } = ["GO111MODULE", "GOFLAGS", "-mod", "GOAUTH="];

    protected override IEnumerable<OutputFinding> Match(OutputRecord record)
    {
        var m = Conflict().Match(record.Text);
        if (!m.Success)
        {
            yield break;
        }
        var (advice, position) = m switch
        {
            _ when m.Groups["flags"].Success => ("Fix GoFlags (or GOFLAGS in the base image): each word must be a flag the go command knows, with a value valid in module mode.",
                new PropertyPosition("GoFlags")),
            _ when m.Groups["goauth"].Success => ("Fix GoAuth (GOAUTH): 'off', 'netrc', 'git <absolute dir>' or a command, separated by ';'.",
                new PropertyPosition("GoAuth")),
            _ => ("Module downloads need module mode: remove GO111MODULE=off (or 'auto' outside a module) from the base image, GOENV or GoFlags.",
                PositionHint.None),
        };
        yield return new OutputFinding(DiagnosticCatalog.GoEnvironmentConflict, [m.Value.Trim(), advice], position,
            record.FirstLine, record.LastLine, $"{DiagnosticCatalog.GoEnvironmentConflict.Code}|{m.Value.Trim()}");
    }

    [GeneratedRegex(@"modules disabled by GO111MODULE=\w+|unknown environment setting GO111MODULE=\S*|(?<flags>parsing \$GOFLAGS: [^\n]+|invalid value ""[^""]*"" for flag -\w+ \(from \$GOFLAGS\)[^\n]*|-mod may only be set to [^\n]+|build flag -mod=\S+ only valid when using modules|-mod=\S+ not supported \(can be [^)]*\))|(?<goauth>GOAUTH=[^\n]*?(?:requires|unknown|invalid|must|not supported)[^\n]*)")]
    private static partial Regex Conflict();
}
