using System.Text.RegularExpressions;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Classification.Rules;

/// <summary>
/// GD2004: <c>M@V: missing go.sum entry; to add it:</c> (a module) and <c>missing go.sum entry for module providing
/// package P</c> (a package; it points at the require line of the module that holds it).
/// </summary>
public sealed partial class MissingGoSumEntryRule : RecordRule
{
    protected override IReadOnlyList<string> Phrases { get; } = ["missing go.sum entry"];

    protected override IEnumerable<OutputFinding> Match(OutputRecord record)
    {
        foreach (Match m in Missing().Matches(record.Text))
        {
            if (m.Groups["package"].Success)
            {
                var package = m.Groups["package"].Value;
                yield return new OutputFinding(DiagnosticCatalog.MissingGoSumEntry, [package],
                    new RequirePosition(package, OrParent: true), record.FirstLine, record.LastLine, $"{DiagnosticCatalog.MissingGoSumEntry.Code}|{LikelyModule(package)}")
                { MergeByPosition = true };
                continue;
            }
            var mention = GoMessage.ModuleBefore(record.Text, m.Index);
            if (mention is null)
            {
                continue;
            }
            yield return new OutputFinding(DiagnosticCatalog.MissingGoSumEntry, [mention.ToString()],
                new RequirePosition(mention.Path), record.FirstLine, record.LastLine, $"{DiagnosticCatalog.MissingGoSumEntry.Code}|{mention}");
        }
    }

    // Without go.mod the module of a package is a guess: on hosts of owner/repo form, owner/repo plus a major suffix.
    private static string LikelyModule(string package)
    {
        var parts = package.Split('/');
        if (parts[0] is not ("github.com" or "gitlab.com" or "bitbucket.org" or "codeberg.org") || parts.Length < 3)
        {
            return package;
        }
        var take = parts.Length > 3 && MajorSuffix().IsMatch(parts[3]) ? 4 : 3;
        return string.Join('/', parts.Take(take));
    }

    [GeneratedRegex(@"^v[2-9]\d*$|^v1\d+$")]
    private static partial Regex MajorSuffix();

    [GeneratedRegex(@"missing go\.sum entry(?: for module providing package (?<package>[^\s;]+)| needed to verify package (?<package>[^\s;]+)|(?: for go\.mod file)?;)")]
    private static partial Regex Missing();
}
