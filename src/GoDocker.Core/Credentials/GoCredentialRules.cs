using GoDocker.Core.GoEnv;
using GoDocker.Core.Modules;
using GoDocker.Core.Projects;

namespace GoDocker.Core.Credentials;

/// <summary>
/// Which credentials a given go command adds to an HTTPS request, from cmd/go/internal/auth:
/// <list type="bullet">
/// <item>Go 1.23 and older ignore GOAUTH, always read netrc, and match a <c>machine</c> to the URL's host without its
/// port (url.Hostname()), first entry winning: <c>machine proxy.corp</c> serves <c>https://proxy.corp:8443</c>.</item>
/// <item>Go 1.24 and later follow GOAUTH (<c>netrc</c> by default, <c>off</c> for none, git or commands run inside
/// the build) and store each <c>machine</c> as a URL prefix that is matched against host-with-port plus path, walking up
/// the path: <c>https://proxy.corp:8443</c> needs <c>machine proxy.corp:8443</c>.</item>
/// </list>
/// Netrc credentials go to HTTPS only, in every release.
/// </summary>
/// <param name="GoVersion">The image's Go version (such as 1.19 or 1.24.2), or null when unknown, which is read as a current release.</param>
public sealed record GoCredentialRules(string? GoVersion, GoAuthSetting Auth)
{
    /// <summary>A go command before GOAUTH, as most images in use still hold.</summary>
    public static GoCredentialRules BeforeGoAuth { get; } = new("1.23", GoAuthSetting.Default);

    /// <summary>git's netrc matching through the SDK's credential helper (and libcurl's): the host without its port.</summary>
    public static GoCredentialRules GitCredentialHelper => BeforeGoAuth;

    /// <summary>Whether this go command reads GOAUTH (and so matches netrc machines with their port).</summary>
    public bool ReadsGoAuth => GoVersion is null || !Modules.GoVersion.IsValid(GoVersion)
        || Modules.GoVersion.Compare(Modules.GoVersion.Lang(GoVersion), GoAuthSetting.FirstGoVersion) >= 0;

    /// <summary>Whether netrc credentials are sent at all.</summary>
    public bool SendsNetrc => !ReadsGoAuth || Auth.UsesNetrc;

    /// <summary>GOAUTH entries whose credentials only exist inside the build (git, commands), when this go reads GOAUTH.</summary>
    public IEnumerable<GoAuthMethod> ExternalMethods => ReadsGoAuth ? Auth.ExternalMethods : [];

    /// <summary>The netrc <c>machine</c> this go command uses for <paramref name="url"/>.</summary>
    public string MachineFor(Uri url) => ReadsGoAuth && !url.IsDefaultPort ? $"{HostName(url)}:{url.Port}" : HostName(url);

    /// <summary>The rules of the project's base image (its Go from the tag, else a current release) and GOAUTH.</summary>
    public static GoCredentialRules For(GoProjectSettings settings) =>
        new(ImageReference.TryParse(settings.BaseImage, out var image, out _) && BaseImageGoVersion.From(image) is { } go ? go.Version : null,
            settings.Environment.Auth);

    /// <summary>The go command's name for its version: "Go 1.19", or "a current Go" when unknown.</summary>
    public string DescribeGo() => GoVersion is null ? "a current Go" : "Go " + GoVersion;

    internal static string HostName(Uri url) => url.HostNameType == UriHostNameType.IPv6 ? url.Host.Trim('[', ']') : url.Host;
}
