using System.Text.RegularExpressions;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Classification.Rules;

/// <summary>
/// GD6022: <c>module M@latest found (v1.2.3), but does not contain package M/x</c>: an import of a package the module
/// does not have (moved to a /vN module, or a typo). Points at the require line of M.
/// </summary>
public sealed partial class PackageNotInModuleRule : RecordRule
{
    protected override IReadOnlyList<string> Phrases { get; } = ["but does not contain package"];

    protected override IEnumerable<OutputFinding> Match(OutputRecord record)
    {
        foreach (Match m in NotInModule().Matches(record.Text))
        {
            var module = m.Groups["module"].Value;
            var found = m.Groups["found"].Success ? $"{m.Groups["query"].Value}, found {m.Groups["found"].Value}" : m.Groups["query"].Value;
            yield return new OutputFinding(DiagnosticCatalog.PackageNotInModule, [module, found, m.Groups["package"].Value],
                new RequirePosition(module), record.FirstLine, record.LastLine, $"{DiagnosticCatalog.PackageNotInModule.Code}|{m.Groups["package"].Value}");
        }
    }

    [GeneratedRegex(@"module (?<module>[^\s@]+)@(?<query>\S+) found(?: \((?<found>[^)]*)\))?, but does not contain packages? (?:matching )?(?<package>\S+)")]
    private static partial Regex NotInModule();
}
