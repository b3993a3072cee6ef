using System.Text.RegularExpressions;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Classification.Rules;

/// <summary>
/// GD2043: <c>M@V (replaced by ./dir/): reading dir/go.mod: open /src/dir/go.mod: no such file or directory</c>:
/// the replacement directory is not in the build (outside the Docker context, excluded by .dockerignore, or not
/// copied). Points at the replace line.
/// </summary>
public sealed partial class ReplaceDirectoryNotInBuildRule : RecordRule
{
    protected override IReadOnlyList<string> Phrases { get; } = ["(replaced by"];

    protected override IEnumerable<OutputFinding> Match(OutputRecord record)
    {
        foreach (Match m in Missing().Matches(record.Text))
        {
            var path = m.Groups["path"].Value;
            var descriptor = DiagnosticCatalog.ReplaceDirectoryNotInBuild;
            yield return new OutputFinding(descriptor, [path, m.Groups["dir"].Value, m.Groups["file"].Value, m.Groups["reason"].Value.Trim()],
                new ReplacePosition(path).OrElse(new RequirePosition(path)), record.FirstLine, record.LastLine, $"{descriptor.Code}|{path}");
        }
    }

    [GeneratedRegex(@"(?<path>[^\s@]+)@[^\s]+ \(replaced by (?<dir>(?:\.{1,2}|[A-Za-z]:)?[/\\][^)]*|\.{1,2})\): (?:reading|parsing) (?<file>\S*go\.mod): (?<reason>[^\n]*(?:no such file or directory|cannot find the (?:file|path) specified|not a directory)[^\n]*)")]
    private static partial Regex Missing();
}
