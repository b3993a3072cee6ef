using System.Text.RegularExpressions;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Classification.Rules;

/// <summary>
/// Failures of the legacy (non-BuildKit) builder: <c>the --mount option requires BuildKit</c> (GD5006: the generated
/// Dockerfile uses cache and secret mounts) and a FROM image it cannot pull (GD5003).
/// </summary>
public sealed partial class ClassicBuilderRule : IOutputRule
{
    public IEnumerable<OutputFinding> Find(BuildOutput output)
    {
        for (var i = 0; i < output.Lines.Count; i++)
        {
            var line = output.Lines[i];
            if (Mount().IsMatch(line))
            {
                var step = i > 0 && output.Lines[i - 1].StartsWith("Step ", StringComparison.Ordinal) ? i - 1 : i;
                yield return new OutputFinding(DiagnosticCatalog.MountNotSupported, [line.Trim()], PositionHint.None, step, i, DiagnosticCatalog.MountNotSupported.Code);
            }
            else if (PullDenied().Match(line) is { Success: true } pull)
            {
                var image = pull.Groups["image"].Value;
                var reason = line.Trim();
                yield return new OutputFinding(DiagnosticCatalog.BaseImageNotFound, [image, reason],
                    new PropertyPosition("GoBaseImage", OrProjectFile: true), i, i, $"{DiagnosticCatalog.BaseImageNotFound.Code}|{image}");
            }
        }
    }

    [GeneratedRegex(@"--mount option requires BuildKit|[Uu]nknown flag: (?:--)?mount")]
    private static partial Regex Mount();

    // Not "repository X not found": git says that about module repositories.
    [GeneratedRegex(@"(?:pull access denied for (?<image>[^\s,]+)|manifest for (?<image>\S+) not found)")]
    private static partial Regex PullDenied();
}
