using System.Text.RegularExpressions;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Classification.Rules;

/// <summary>
/// GD6005: git wanted credentials (<c>could not read Username ... terminal prompts disabled</c>, ssh
/// <c>Permission denied (publickey)</c>, <c>Authentication failed</c>). Also what GitHub says for a repository that
/// does not exist, so the module path is shown for the user to check.
/// </summary>
public sealed partial class CredentialsRequiredRule : RecordRule
{
    protected override IEnumerable<OutputFinding> Match(OutputRecord record)
    {
        var m = Prompt().Match(record.Text);
        if (!m.Success)
        {
            yield break;
        }
        var mention = GoMessage.ModuleBefore(record.Text, m.Index);
        var module = mention?.Path ?? "a module";
        yield return new OutputFinding(DiagnosticCatalog.CredentialsRequired, [module, m.Value.Trim()],
            mention is null ? PositionHint.None : new RequirePosition(mention.Path),
            record.FirstLine, record.LastLine, $"GD6005|{module}");
    }

    [GeneratedRegex(@"(?:fatal: )?(?:could not read (?:Username|Password) for '[^']*': [^\n]*|[^\n]*terminal prompts disabled|[^\n]*Permission denied \(publickey\)[^\n]*|Authentication failed for '[^']*')")]
    private static partial Regex Prompt();
}
