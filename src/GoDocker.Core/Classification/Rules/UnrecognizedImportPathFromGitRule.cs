using System.Text.RegularExpressions;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Classification.Rules;

/// <summary>
/// GD6011 from git itself: <c>fatal: repository 'https://host/owner/repo/' not found</c> during a direct fetch, a
/// repository that does not exist or that the given credentials may not see.
/// </summary>
public sealed partial class UnrecognizedImportPathFromGitRule : RecordRule
{
    protected override IReadOnlyList<string> Phrases { get; } = ["fatal: repository '", "Repository not found"];

    protected override IEnumerable<OutputFinding> Match(OutputRecord record)
    {
        var m = NotFound().Match(record.Text);
        if (!m.Success)
        {
            yield break;
        }
        var mention = GoMessage.ModuleBefore(record.Text, m.Index);
        var module = mention?.Path ?? (m.Groups["url"].Success ? GoMessage.ParseUrl(m.Groups["url"].Value)?.ModulePath : null);
        if (module is null)
        {
            yield break;
        }
        yield return new OutputFinding(DiagnosticCatalog.UnrecognizedImportPath, [module, m.Value.Trim()],
            new RequirePosition(module), record.FirstLine, record.LastLine, $"{DiagnosticCatalog.UnrecognizedImportPath.Code}|{module}");
    }

    [GeneratedRegex(@"fatal: repository '(?<url>[^']+)' not found|remote: Repository not found\.")]
    private static partial Regex NotFound();
}
