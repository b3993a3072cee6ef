using System.Text.RegularExpressions;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Classification.Rules;

/// <summary>
/// GD6025: git says the repository does not exist (<c>remote: Repository not found.</c>, <c>fatal: repository 'URL'
/// not found</c>, ssh's <c>ERROR: Repository not found.</c>, <c>remote error: Git repository not found</c>). A
/// deleted or renamed repository (or a private one the given credentials cannot see): unlike a prompt for a password,
/// adding credentials is not the fix. Runs before the credentials rule, whose "Could not read from remote repository"
/// these messages also carry.
/// </summary>
public sealed partial class RepositoryNotFoundRule : RecordRule
{
    protected override IReadOnlyList<string> Phrases { get; } = ["not found"];

    protected override IEnumerable<OutputFinding> Match(OutputRecord record)
    {
        var m = NotFound().Match(record.Text);
        if (!m.Success)
        {
            yield break;
        }
        var mention = GoMessage.ModuleBefore(record.Text, m.Index);
        var module = mention?.Path ?? (m.Groups["url"].Success ? GoMessage.ParseUrl(m.Groups["url"].Value)?.ModulePath : null) ?? "a module";
        var descriptor = DiagnosticCatalog.RepositoryNotFound;
        yield return new OutputFinding(descriptor, [module, m.Value.Trim()],
            module == "a module" ? PositionHint.None : new RequirePosition(module, OrParent: mention is null),
            record.FirstLine, record.LastLine, $"{descriptor.Code}|{module}");
    }

    [GeneratedRegex(@"(?:remote|ERROR): Repository not found\.?|fatal: repository '(?<url>[^']+)' not found|remote error: Git repository not found")]
    private static partial Regex NotFound();
}
