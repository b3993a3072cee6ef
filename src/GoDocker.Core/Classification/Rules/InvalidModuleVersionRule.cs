using System.Globalization;
using System.Text.RegularExpressions;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Classification.Rules;

/// <summary>
/// GD6007: a version the module cannot have, mostly semantic import versioning (<c>should be v0 or v1, not v5</c>,
/// <c>module path must match major version</c>), as a download error or a go.mod parse error
/// (<c>go.mod:3: require M: version "v3.4.13" invalid: ...</c>). The message names the path to require instead.
/// </summary>
public sealed partial class InvalidModuleVersionRule : RecordRule
{
    protected override IReadOnlyList<string> Phrases { get; } = ["invalid"];

    protected override IEnumerable<OutputFinding> Match(OutputRecord record)
    {
        foreach (Match m in Invalid().Matches(record.Text))
        {
            string path, version;
            PositionHint position;
            if (m.Groups["reqpath"].Success)
            {
                path = m.Groups["reqpath"].Value;
                version = m.Groups["reqversion"].Value;
                position = new RequirePosition(path);
                if (m.Groups["line"].Success)
                {
                    position = position.OrElse(new GoModLinePosition(int.Parse(m.Groups["line"].Value, CultureInfo.InvariantCulture)));
                }
            }
            else
            {
                if (GoMessage.ModuleBefore(record.Text, m.Index) is not { Version: not null } mention)
                {
                    continue;
                }
                (path, version) = (mention.Path, mention.Version);
                position = new RequirePosition(path);
            }
            var reason = m.Groups["reason"].Value.Trim();
            yield return new OutputFinding(DiagnosticCatalog.InvalidModuleVersion, [path, version, reason + Advice(path, reason)],
                position, record.FirstLine, record.LastLine, $"{DiagnosticCatalog.InvalidModuleVersion.Code}|{path}@{version}");
        }
    }

    private static string Advice(string path, string reason)
    {
        if (MustMatch().Match(reason) is { Success: true } must)
        {
            return $". Require {must.Groups["path"].Value} instead.";
        }
        if (NotMajor().Match(reason) is { Success: true } major)
        {
            return $". Require {path}/{major.Groups["major"].Value} (a module whose go.mod says so), or a v0/v1 version of {path}.";
        }
        return ". Fix the version in go.mod.";
    }

    // "invalid version: git ..." is git's own failure; the credentials rule or the catch-all explains those.
    [GeneratedRegex(@"(?:(?<file>\S*go\.mod):(?<line>\d+)(?::\d+)?: )?require (?<reqpath>\S+): version ""(?<reqversion>[^""]+)"" invalid: (?<reason>[^\n]+)|invalid version: (?!unknown revision|git )(?<reason>[^\n]+)")]
    private static partial Regex Invalid();

    [GeneratedRegex(@"must match major version \(""(?<path>[^""]+)""\)")]
    private static partial Regex MustMatch();

    [GeneratedRegex(@"should be v0 or v1, not (?<major>v\d+)")]
    private static partial Regex NotMajor();
}
