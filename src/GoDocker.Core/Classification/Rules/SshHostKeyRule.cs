using System.Text.RegularExpressions;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Classification.Rules;

/// <summary>
/// GD7015: ssh refused the Git host's key under StrictHostKeyChecking (<c>Host key verification failed.</c>, after
/// <c>No ED25519 host key is known for …</c> or <c>REMOTE HOST IDENTIFICATION HAS CHANGED</c>). Not a credentials
/// problem, though git ends with the same <c>Could not read from remote repository</c>.
/// </summary>
public sealed partial class SshHostKeyRule : RecordRule
{
    protected override IReadOnlyList<string> Phrases { get; } = ["Host key verification failed", "REMOTE HOST IDENTIFICATION HAS CHANGED"];

    protected override IEnumerable<OutputFinding> Match(OutputRecord record)
    {
        var m = Rejected().Match(record.Text);
        if (!m.Success)
        {
            yield break;
        }
        var mention = GoMessage.ModuleBefore(record.Text, m.Index);
        var module = mention?.Path ?? "a module";
        var host = mention is null ? "the Git host" : mention.Path.Split('/')[0];
        yield return new OutputFinding(DiagnosticCatalog.SshHostKeyRejected, [module, m.Value.Trim().TrimEnd('.'), "", host],
            mention is null ? PositionHint.None : new RequirePosition(mention.Path),
            record.FirstLine, record.LastLine, $"{DiagnosticCatalog.SshHostKeyRejected.Code}|{module}");
    }

    // The most specific line ssh printed: why the key was refused, else the verdict.
    [GeneratedRegex(@"No [A-Z0-9-]+ host key is known for [^\n]*|WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!|Host key verification failed\.")]
    private static partial Regex Rejected();
}
