using System.Text.RegularExpressions;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Classification.Rules;

/// <summary>
/// GD6010: <c>P: no matching versions for query "latest"</c>. P may be a package of a module, so it points at the
/// require line of the longest required prefix.
/// </summary>
public sealed partial class NoMatchingVersionsRule : RecordRule
{
    protected override IReadOnlyList<string> Phrases { get; } = ["no matching versions"];

    protected override IEnumerable<OutputFinding> Match(OutputRecord record)
    {
        foreach (Match m in NoMatch().Matches(record.Text))
        {
            var path = m.Groups["path"].Value;
            yield return new OutputFinding(DiagnosticCatalog.NoMatchingVersions, [path, m.Groups["query"].Value],
                new RequirePosition(path, OrParent: true), record.FirstLine, record.LastLine, $"{DiagnosticCatalog.NoMatchingVersions.Code}|{path}");
        }
    }

    [GeneratedRegex(@"(?<path>[A-Za-z0-9][\w.~/-]*?)(?:@[^\s:]+)?: no matching versions for query ""(?<query>[^""]*)""")]
    private static partial Regex NoMatch();
}
