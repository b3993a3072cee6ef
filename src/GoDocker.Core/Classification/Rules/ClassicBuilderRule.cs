using System.Text.RegularExpressions;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Classification.Rules;

/// <summary>
/// Failures of the legacy (non-BuildKit) builder: <c>the --mount option requires BuildKit</c> (GD5006: the generated
/// Dockerfile uses cache and secret mounts) and a FROM image it cannot pull (GD5003): "pull access denied", "manifest
/// for X not found", a registry error right after the <c>Step N/M : FROM</c> line (network errors included, since the
/// pull is what failed). Podman's Buildah has its own rule (BuildahImagePullRule).
/// </summary>
public sealed partial class ClassicBuilderRule : IOutputRule
{
    public IEnumerable<OutputFinding> Find(BuildOutput output)
    {
        string? fromImage = null;
        var fromLine = 0;
        for (var i = 0; i < output.Lines.Count; i++)
        {
            var line = output.Lines[i];
            if (FromStep().Match(line) is { Success: true } from)
            {
                (fromImage, fromLine) = (from.Groups["image"].Value, i);
                continue;
            }
            if (line.StartsWith("Step ", StringComparison.Ordinal) || line.TrimStart().StartsWith("--->", StringComparison.Ordinal))
            {
                fromImage = null;
            }
            // The pull of a FROM image failed: the registry's error follows the step line, whatever it says.
            if (fromImage is not null && RegistryFailure().IsMatch(line))
            {
                yield return BaseImage(fromImage, line.Trim(), fromLine, i);
                fromImage = null;
                continue;
            }
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

    private static OutputFinding BaseImage(string image, string reason, int first, int last) =>
        new(DiagnosticCatalog.BaseImageNotFound, [image, reason], new PropertyPosition("GoBaseImage", OrProjectFile: true),
            first, last, $"{DiagnosticCatalog.BaseImageNotFound.Code}|{image}");

    [GeneratedRegex(@"^Step \d+/\d+ : FROM (?:--platform=\S+ )?(?<image>\S+)", RegexOptions.IgnoreCase)]
    private static partial Regex FromStep();

    [GeneratedRegex(@"/v2/|manifest unknown|toomanyrequests|pull rate limit|unauthorized|denied|Error response from daemon|no such host|i/o timeout|network is unreachable|connection refused|x509: |TLS handshake timeout|not found")]
    private static partial Regex RegistryFailure();

    [GeneratedRegex(@"--mount option requires BuildKit|[Uu]nknown flag: (?:--)?mount")]
    private static partial Regex Mount();

    // Not "repository X not found": git says that about module repositories.
    [GeneratedRegex(@"(?:pull access denied for (?<image>[^\s,]+)|manifest for (?<image>\S+) not found)")]
    private static partial Regex PullDenied();
}
