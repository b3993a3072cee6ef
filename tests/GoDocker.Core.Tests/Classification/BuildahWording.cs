using System.Text;
using System.Text.RegularExpressions;

namespace GoDocker.Core.Tests.Classification;

/// <summary>
/// Rewrites a recorded BuildKit sample the way podman build (Buildah) prints the same failure, in the shapes recorded
/// on this machine with podman 4.3.1 (<see cref="BuildahOutputTests"/>): <c>STEP n/m: INSTRUCTION</c> headers, the
/// step's output without any prefix, <c>Error: building at STEP "INSTRUCTION": while running runtime: exit status 1</c>
/// for a failed RUN, and for a FROM image it cannot get <c>Error: creating build container: initializing source
/// docker://IMAGE: pinging container registry HOST: Get "https://HOST/v2/": CAUSE</c>.
/// </summary>
public static partial class BuildahWording
{
    /// <summary>Null for what Buildah never does: fetch a <c># syntax=</c> frontend image (it ignores that line).</summary>
    public static string? ToBuildah(string sample)
    {
        var (steps, final) = BuildKitWording.Read(sample);
        var text = new StringBuilder();
        var shown = steps.Where(s => !s.Name.StartsWith("[internal] load build definition", StringComparison.Ordinal)
            && !s.Name.StartsWith("[internal] load .dockerignore", StringComparison.Ordinal)
            && !s.Name.StartsWith("[internal] load build context", StringComparison.Ordinal)).ToList();
        var number = 0;
        foreach (var step in shown)
        {
            number++;
            if (Metadata().Match(step.Name) is { Success: true } metadata)
            {
                if (step.Error is null)
                {
                    continue;
                }
                var image = metadata.Groups["image"].Value.Replace("docker-image://", "", StringComparison.Ordinal);
                text.Append($"STEP {number}/{shown.Count}: FROM {image}\nTrying to pull {image}...\n");
                var host = image.Split('/')[0];
                var cause = RequestWrapper().Replace(step.Error, "");
                text.Append($"Error: creating build container: initializing source docker://{image}: pinging container registry {host}: Get \"https://{host}/v2/\": {cause}\n");
                return text.ToString();
            }
            if (step.Name.StartsWith("resolve image config for", StringComparison.Ordinal) || step.Name.Contains("resolve image config", StringComparison.Ordinal))
            {
                return null;
            }
            var instruction = StagePrefix().Replace(step.Name, "");
            text.Append($"STEP {number}/{shown.Count}: {instruction}\n");
            foreach (var log in step.Logs)
            {
                text.Append(log).Append('\n');
            }
            if (step.Error is not null)
            {
                text.Append($"Error: building at STEP \"{instruction}\": while running runtime: exit status 1\n");
                return text.ToString();
            }
            text.Append("--> 39ee1931d94\n");
        }
        _ = final;
        return text.ToString();
    }

    [GeneratedRegex(@"load metadata for (?<image>\S+)")]
    private static partial Regex Metadata();

    [GeneratedRegex(@"^\[[^\]]*\] ")]
    private static partial Regex StagePrefix();

    // BuildKit's resolver says "failed to do request: Head URL: CAUSE"; Buildah's ping error carries the CAUSE only.
    [GeneratedRegex(@"^(?:failed to (?:do request|authorize|resolve source metadata for \S+): )*(?:Head|Get) ""[^""]*"": ")]
    private static partial Regex RequestWrapper();
}
