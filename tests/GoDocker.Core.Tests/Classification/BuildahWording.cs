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

    /// <summary>
    /// A BuildKit plain-progress log of a failed RUN as Buildah prints it: each <c>#N [stage k/m] INSTRUCTION</c>
    /// header as <c>STEP k/m: INSTRUCTION</c>, the step's lines without their <c>#N t.ttt</c> prefix, no BuildKit
    /// summary or bookkeeping, and Buildah's final error for the failed step.
    /// </summary>
    public static string FromBuildKitPlain(string plain)
    {
        var text = new StringBuilder();
        string? instruction = null;
        var summary = false;
        foreach (var line in plain.Replace("\r", "").Split('\n'))
        {
            if (line == "------")
            {
                summary = !summary;
                continue;
            }
            if (summary || line.StartsWith("ERROR: ", StringComparison.Ordinal) || line.Trim().Length == 0)
            {
                continue;
            }
            if (PlainHeader().Match(line) is { Success: true } header)
            {
                if (header.Groups["name"].Value.StartsWith("[internal]", StringComparison.Ordinal))
                {
                    continue;
                }
                instruction = StagePrefix().Replace(header.Groups["name"].Value, "");
                var count = StageCount().Match(header.Groups["name"].Value) is { Success: true } c ? c.Value : "1/1";
                text.Append($"STEP {count}: {instruction}\n");
                continue;
            }
            if (PlainStepLine().Match(line) is { Success: true } step)
            {
                var body = step.Groups["body"].Value;
                if (body.StartsWith("ERROR: ", StringComparison.Ordinal))
                {
                    text.Append($"Error: building at STEP \"{instruction ?? "RUN go mod download"}\": while running runtime: exit status 1\n");
                }
                else if (!body.StartsWith("DONE ", StringComparison.Ordinal) && body != "CACHED" && !body.StartsWith("transferring ", StringComparison.Ordinal))
                {
                    text.Append(step.Groups["log"].Success ? step.Groups["log"].Value : body).Append('\n');
                }
                continue;
            }
            text.Append(line).Append('\n');
        }
        return text.ToString();
    }

    [GeneratedRegex(@"^#\d+ (?<name>\[[^\]]*\] .*|FROM .*)$")]
    private static partial Regex PlainHeader();

    [GeneratedRegex(@"^#\d+ (?:\d+\.\d+ (?<log>.*)|(?<body>.*))$")]
    private static partial Regex PlainStepLine();

    [GeneratedRegex(@"\d+/\d+(?=\])")]
    private static partial Regex StageCount();

    [GeneratedRegex(@"load metadata for (?<image>\S+)")]
    private static partial Regex Metadata();

    [GeneratedRegex(@"^\[[^\]]*\] ")]
    private static partial Regex StagePrefix();

    // BuildKit's resolver says "failed to do request: Head URL: CAUSE"; Buildah's ping error carries the CAUSE only.
    [GeneratedRegex(@"^(?:failed to (?:do request|authorize|resolve source metadata for \S+): )*(?:Head|Get) ""[^""]*"": ")]
    private static partial Regex RequestWrapper();
}
