using System.Text.RegularExpressions;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Classification.Rules;

/// <summary>
/// GD6003 when the download disagrees with go.sum (<c>go.sum: h1:...</c>), GD6004 when it disagrees with the checksum
/// database (<c>sum.golang.org: h1:...</c>, the SECURITY ERROR "reported by the checksum server"). Points at the
/// go.sum line of that module version (or its /go.mod line), else its require line.
/// </summary>
public sealed partial class ChecksumMismatchRule : RecordRule
{
    protected override IReadOnlyList<string> Phrases { get; } = ["checksum mismatch"];

    protected override IEnumerable<OutputFinding> Match(OutputRecord record)
    {
        foreach (Match m in Mismatch().Matches(record.Text))
        {
            var mention = GoMessage.ModuleBefore(record.Text, m.Index);
            if (mention?.Version is null)
            {
                continue;
            }
            var goMod = mention.GoMod || m.Groups["noun"].Value == "go.mod";
            var version = goMod ? mention.Version + "/go.mod" : mention.Version;
            var source = m.Groups["source"].Value;
            var position = new SumPosition(mention.Path, mention.Version, goMod).OrElse(new RequirePosition(mention.Path));
            var isSumFile = source.EndsWith("go.sum", StringComparison.Ordinal);
            var descriptor = isSumFile ? DiagnosticCatalog.ChecksumMismatch : DiagnosticCatalog.SecurityError;
            object?[] args = isSumFile
                ? [mention.Path, version, m.Groups["have"].Value, m.Groups["want"].Value]
                : [mention.Path, version, m.Groups["have"].Value, source, m.Groups["want"].Value];
            yield return new OutputFinding(descriptor, args, position, record.FirstLine, record.LastLine,
                $"{descriptor.Code}|{mention.Path}@{version}");
        }
    }

    [GeneratedRegex(@"(?:verifying (?<noun>module|go\.mod): )?checksum mismatch[ \t]*\n[ \t]*downloaded:[ \t]*(?<have>\S+)[ \t]*\n[ \t]*(?<source>[^\s:]+):[ \t]+(?<want>\S+)")]
    private static partial Regex Mismatch();
}
