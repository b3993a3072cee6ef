using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace GoDocker.Core.Projects;

/// <summary>
/// A container image reference as the Docker engine parses it: <c>[domain/]path[:tag][@digest]</c>.
/// Parsing follows the distribution/reference grammar, so a value accepted here is accepted by FROM and cannot
/// carry anything else (spaces, <c>$</c> expansions, flags) into a Dockerfile line.
/// </summary>
public sealed partial record ImageReference(string? Domain, string Path, string? Tag, string? Digest)
{
    private const int MaxNameLength = 255;

    /// <summary>The last path component (<c>golang</c> for <c>mirror.corp/library/golang:1.22</c>).</summary>
    public string Repository => Path[(Path.LastIndexOf('/') + 1)..];

    /// <summary>Pinned means the build cannot silently pick up a different image: a digest, or a tag other than latest.</summary>
    public bool IsPinned => Digest is not null || (Tag is not null && Tag != "latest");

    /// <summary><c>scratch</c> is the empty image, reserved by the Dockerfile syntax; it needs no tag.</summary>
    public bool IsScratch => Domain is null && Path == "scratch" && Tag is null && Digest is null;

    public override string ToString() =>
        (Domain is null ? "" : Domain + "/") + Path + (Tag is null ? "" : ":" + Tag) + (Digest is null ? "" : "@" + Digest);

    public static bool TryParse(string? text, [NotNullWhen(true)] out ImageReference? reference, out string error)
    {
        reference = null;
        error = "";
        if (string.IsNullOrEmpty(text))
        {
            error = "it is empty";
            return false;
        }
        if (text.Length > 512)
        {
            error = $"it is {text.Length} characters long";
            return false;
        }
        foreach (var c in text)
        {
            if (c <= ' ' || c > '~')
            {
                error = c <= ' ' ? "it contains whitespace or a control character" : "it contains a non-ASCII character";
                return false;
            }
        }

        var rest = text;
        string? digest = null;
        var at = rest.IndexOf('@');
        if (at >= 0)
        {
            digest = rest[(at + 1)..];
            rest = rest[..at];
            if (!DigestRegex().IsMatch(digest))
            {
                error = $"'{digest}' is not a digest such as 'sha256:' followed by 64 hex digits";
                return false;
            }
            if (digest.StartsWith("sha256:", StringComparison.Ordinal) && digest.Length != "sha256:".Length + 64)
            {
                error = "a sha256 digest has exactly 64 hex digits";
                return false;
            }
        }

        string? domain = null;
        var slash = rest.IndexOf('/');
        if (slash >= 0)
        {
            var first = rest[..slash];
            if (first.Contains('.') || first.Contains(':') || first == "localhost" || first.Any(char.IsUpper))
            {
                domain = first;
                rest = rest[(slash + 1)..];
                if (!DomainRegex().IsMatch(domain))
                {
                    error = $"'{domain}' is not a registry host name";
                    return false;
                }
            }
        }

        string? tag = null;
        var colon = rest.LastIndexOf(':');
        if (colon >= 0)
        {
            tag = rest[(colon + 1)..];
            rest = rest[..colon];
            if (!TagRegex().IsMatch(tag))
            {
                error = $"'{tag}' is not a tag (letters, digits, '_', '.', '-', at most 128, not starting with '.' or '-')";
                return false;
            }
        }

        if (rest.Length == 0)
        {
            error = "the repository name is missing";
            return false;
        }
        if (!PathRegex().IsMatch(rest))
        {
            error = rest.Any(char.IsUpper)
                ? $"the repository name '{rest}' must be lowercase"
                : $"'{rest}' is not a repository name (lowercase letters and digits separated by '.', '_', '-' or '/')";
            return false;
        }
        if ((domain is null ? 0 : domain.Length + 1) + rest.Length > MaxNameLength)
        {
            error = $"the repository name is longer than {MaxNameLength} characters";
            return false;
        }

        reference = new ImageReference(domain, rest, tag, digest);
        return true;
    }

    [GeneratedRegex(@"^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]+)?$|^\[[0-9a-fA-F:]+\](?::[0-9]+)?$")]
    private static partial Regex DomainRegex();

    [GeneratedRegex(@"^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$")]
    private static partial Regex PathRegex();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex TagRegex();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$")]
    private static partial Regex DigestRegex();
}
