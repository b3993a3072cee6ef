using System.Text.RegularExpressions;
using GoDocker.Core.Modules;

namespace GoDocker.Core.Projects;

/// <summary>
/// The Go version an image holds, when its reference makes it knowable: a repository named <c>golang</c> (on any
/// registry or path, such as <c>godocker-test/golang:1.19</c>) with a tag starting with a Go version.
/// A tag like <c>1.22</c> names the newest 1.22.x, so only its language version is known.
/// </summary>
public sealed partial record BaseImageGoVersion(string Version, bool PatchKnown)
{
    public static BaseImageGoVersion? From(ImageReference image)
    {
        if (image.Repository != "golang" || image.Tag is null)
        {
            return null;
        }
        var match = TagVersionRegex().Match(image.Tag);
        if (!match.Success || !GoVersion.IsValid(match.Groups["v"].Value))
        {
            return null;
        }
        var version = match.Groups["v"].Value;
        return new BaseImageGoVersion(version, PatchKnown: match.Groups["patch"].Success || match.Groups["pre"].Success);
    }

    /// <summary>
    /// Whether this image's Go is certainly older than <paramref name="required"/> (a go.mod go/toolchain version).
    /// With an unknown patch, only a newer language version is certainly too new.
    /// </summary>
    public bool IsCertainlyOlderThan(string required)
    {
        if (!GoVersion.IsValid(required))
        {
            return false;
        }
        return PatchKnown
            ? GoVersion.Compare(Version, required) < 0
            : GoVersion.Compare(GoVersion.Lang(Version), GoVersion.Lang(required)) < 0;
    }

    /// <summary>Since Go 1.21 the go command can switch toolchains (GOTOOLCHAIN); older ones cannot.</summary>
    public bool KnowsToolchainSwitching => GoVersion.Compare(GoVersion.Lang(Version), "1.21") >= 0;

    public override string ToString() => PatchKnown ? Version : Version + ".x";

    [GeneratedRegex(@"^(?<v>[1-9][0-9]*\.[0-9]+(?<patch>\.[0-9]+)?(?<pre>(?:rc|beta|alpha)[0-9]+)?)(?:$|-)")]
    private static partial Regex TagVersionRegex();
}
