using System.Text.RegularExpressions;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Classification.Rules;

/// <summary>
/// BuildKit could not get an image's metadata: for the Dockerfile frontend named by <c># syntax=</c>
/// (<c>resolve image config for docker.io/docker/dockerfile:1</c>, GD5004, fixed by an empty GoDockerfileSyntax) or
/// for a base image (<c>[internal] load metadata for ...</c>, GD5003, fixed by GoBaseImage or a local image).
/// The whole failing step, up to BuildKit's final error, is this one cause, so the DNS or timeout error inside it
/// is not reported again as a network failure of the module download.
/// </summary>
public sealed partial class ImageResolutionRule : IOutputRule
{
    public IEnumerable<OutputFinding> Find(BuildOutput output)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < output.Lines.Count; i++)
        {
            var failed = Failed().Match(output.Lines[i]);
            if (!failed.Success)
            {
                continue;
            }
            // BuildKit 0.11+ names images "docker-image://docker.io/...".
            var image = failed.Groups["image"].Value.TrimEnd(':').Replace("docker-image://", "", StringComparison.Ordinal);
            var frontend = failed.Groups["kind"].Value.StartsWith("resolve", StringComparison.Ordinal)
                || image.Contains("docker/dockerfile", StringComparison.Ordinal);
            var first = FirstMention(output, image, i);
            var last = BuildKitFailure.FinalErrorLine(output, i) ?? i;
            var reason = StepError(output, first, last) ?? BuildKitFailure.Reason(output.Lines[last]);
            i = last;
            if (!seen.Add(image))
            {
                continue;
            }
            yield return frontend
                ? new OutputFinding(DiagnosticCatalog.DockerfileSyntaxOffline, [$"{image} ({reason})"],
                    new PropertyPosition("GoDockerfileSyntax"), first, last, $"{DiagnosticCatalog.DockerfileSyntaxOffline.Code}|{image}")
                : new OutputFinding(DiagnosticCatalog.BaseImageNotFound, [image, reason],
                    new PropertyPosition("GoBaseImage", OrProjectFile: true), first, last, $"{DiagnosticCatalog.BaseImageNotFound.Code}|{image}");
        }
    }

    // The plain progress form announces the step before it fails ("#3 resolve image config for ..."): claim from there.
    private static int FirstMention(BuildOutput output, string image, int failedLine)
    {
        for (var i = 0; i < failedLine; i++)
        {
            if (output.Lines[i].Contains(image, StringComparison.Ordinal) && Mention().IsMatch(output.Lines[i]))
            {
                return i;
            }
        }
        return failedLine;
    }

    // "#3 ERROR: failed to do request: ..." (prefix already stripped) holds the cause without the frontend wrappers.
    private static string? StepError(BuildOutput output, int first, int last)
    {
        for (var i = first; i <= last; i++)
        {
            var line = output.Lines[i];
            if (line.StartsWith("ERROR: ", StringComparison.Ordinal) && !line.Contains("failed to solve", StringComparison.Ordinal))
            {
                return BuildKitFailure.Reason(line);
            }
        }
        return null;
    }

    // "=> ERROR [stage] resolve image config for ...", " > [internal] load metadata for ...:" (the error summary),
    // and newer BuildKit's final "failed to resolve source metadata for ...".
    [GeneratedRegex(@"(?:\bERROR\b.*?|^\s*> (?:\[[^\]]*\] )?)(?<kind>resolve image config for|load metadata for) (?<image>[^\s]+?):?(?=\s|$)|(?<kind>failed to resolve source metadata for) (?<image>[^\s]+?):(?=\s|$)")]
    private static partial Regex Failed();

    [GeneratedRegex(@"(?:resolve image config for|load metadata for) ")]
    private static partial Regex Mention();
}
