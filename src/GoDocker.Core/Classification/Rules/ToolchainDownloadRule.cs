using System.Text.RegularExpressions;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Classification.Rules;

/// <summary>
/// GD6023: Go 1.21+ with GOTOOLCHAIN=auto tried to switch to the toolchain go.mod asks for and could not download it
/// (<c>go: download go1.22.4 for linux/amd64: toolchain not available</c>, or the module error of
/// golang.org/toolchain). Points at GoBaseImage, else at the toolchain or go line.
/// </summary>
public sealed partial class ToolchainDownloadRule : RecordRule
{
    protected override IReadOnlyList<string> Phrases { get; } = ["download go"];

    protected override IEnumerable<OutputFinding> Match(OutputRecord record)
    {
        foreach (Match m in Download().Matches(record.Text))
        {
            var toolchain = m.Groups["toolchain"].Value;
            var reason = m.Groups["reason"].Value.Trim();
            // The module error repeats the toolchain module's name; what follows it is the cause.
            var module = ToolchainModule().Match(reason);
            if (module.Success)
            {
                reason = reason[(module.Index + module.Length)..].Trim();
            }
            if (reason == "toolchain not available")
            {
                reason = "the module proxy does not have it for this platform";
            }
            var position = new PropertyPosition("GoBaseImage").OrElse(new DirectivePosition("toolchain")).OrElse(new DirectivePosition("go"));
            yield return new OutputFinding(DiagnosticCatalog.ToolchainDownloadFailed, [toolchain, reason, toolchain["go".Length..]],
                position, record.FirstLine, record.LastLine, $"{DiagnosticCatalog.ToolchainDownloadFailed.Code}|{toolchain}");
        }
    }

    [GeneratedRegex(@"\bdownload (?<toolchain>go\d[\w.+-]*)(?: for [\w/]+)?: (?<reason>[^\n]+)")]
    private static partial Regex Download();

    [GeneratedRegex(@"^golang\.org/toolchain@\S+?:")]
    private static partial Regex ToolchainModule();
}
