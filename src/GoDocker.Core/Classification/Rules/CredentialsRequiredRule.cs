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
    protected override IReadOnlyList<string> Phrases { get; } = ["terminal prompts", "could not read", "Permission denied", "Authentication failed"];

    protected override IEnumerable<OutputFinding> Match(OutputRecord record)
    {
        var m = Prompt().Match(record.Text);
        if (!m.Success)
        {
            yield break;
        }
        var mention = GoMessage.ModuleBefore(record.Text, m.Index);
        var module = mention?.Path ?? "a module";
        yield return new OutputFinding(DiagnosticCatalog.CredentialsRequired, [module, LineAround(record.Text, m.Index)],
            mention is null ? PositionHint.None : new RequirePosition(mention.Path),
            record.FirstLine, record.LastLine, $"{DiagnosticCatalog.CredentialsRequired.Code}|{module}");
    }

    // git's whole line ("fatal: could not read Username for 'https://github.com': terminal prompts disabled").
    private static string LineAround(string text, int index)
    {
        var start = text.LastIndexOf('\n', index) + 1;
        var end = text.IndexOf('\n', index);
        return text[start..(end < 0 ? text.Length : end)].Trim();
    }

    [GeneratedRegex(@"could not read (?:Username|Password) for '[^']*'|terminal prompts disabled|Permission denied \(publickey\)|Authentication failed for '[^']*'")]
    private static partial Regex Prompt();
}
