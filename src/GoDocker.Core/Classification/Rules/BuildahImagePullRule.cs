using System.Text.RegularExpressions;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Classification.Rules;

/// <summary>
/// GD5003 for a FROM image podman's Buildah cannot pull. Buildah announces the step (<c>STEP 1/5: FROM IMAGE</c>),
/// prints <c>Trying to pull IMAGE...</c> and warnings for its retries, and ends with <c>Error: creating build
/// container: initializing source docker://IMAGE: CAUSE</c> (a registry that refuses, an untrusted certificate,
/// <c>manifest unknown</c>, <c>unauthorized</c>), or, for a short name its registries.conf cannot resolve,
/// <c>short-name "IMAGE" did not resolve</c>. The whole pull, from the FROM step to the final error, is this one
/// cause, so the connection or certificate error inside it is not reported again as a module download failure.
/// </summary>
public sealed partial class BuildahImagePullRule : IOutputRule
{
    public IEnumerable<OutputFinding> Find(BuildOutput output)
    {
        var fromLine = -1;
        for (var i = 0; i < output.Lines.Count; i++)
        {
            var line = output.Lines[i];
            if (FromStep().IsMatch(line))
            {
                fromLine = i;
                continue;
            }
            if (CreateFailed().Match(line) is not { Success: true } failed)
            {
                continue;
            }
            var cause = failed.Groups["cause"].Value.Trim();
            string image;
            string reason;
            if (Source().Match(cause) is { Success: true } source)
            {
                image = source.Groups["image"].Value;
                reason = cause[source.Length..].Trim();
            }
            else if (ShortName().Match(cause) is { Success: true } shortName)
            {
                image = shortName.Groups["image"].Value;
                reason = cause + " (podman resolves a short name only through the unqualified-search-registries of registries.conf; write the image in full, such as docker.io/library/golang:1.22)";
            }
            else
            {
                continue;
            }
            var first = fromLine >= 0 ? fromLine : i;
            yield return new OutputFinding(DiagnosticCatalog.BaseImageNotFound, [image, reason], new PropertyPosition("GoBaseImage", OrProjectFile: true),
                first, i, $"{DiagnosticCatalog.BaseImageNotFound.Code}|{image}");
            fromLine = -1;
        }
    }

    // "STEP 1/5: FROM golang:1.22 AS deps", in a multi-stage build "[2/3] STEP 1/5: FROM …".
    [GeneratedRegex(@"^(?:\[\d+/\d+\] )?STEP \d+/\d+: FROM ")]
    private static partial Regex FromStep();

    [GeneratedRegex(@"^Error: creating build container: (?<cause>.*)$")]
    private static partial Regex CreateFailed();

    // "initializing source docker://127.0.0.1:5000/golang:1.22: pinging container registry …"
    [GeneratedRegex(@"^(?:initializing source |reading manifest \S+ in )?docker://(?<image>\S+?):\s")]
    private static partial Regex Source();

    [GeneratedRegex(@"^short-name ""(?<image>[^""]+)"" did not resolve")]
    private static partial Regex ShortName();
}
