using System.Net;
using GoDocker.Core.Projects;

namespace GoDocker.Core.Verification;

/// <summary>
/// The registry an image reference is pulled from, as the Docker engine resolves it: no domain (or docker.io) is Docker
/// Hub, whose API answers at registry-1.docker.io; otherwise the first component, <c>host[:port]</c>.
/// </summary>
/// <param name="Name">The registry as written (docker.io for Hub): the folder Docker reads under certs.d.</param>
public sealed record ImageRegistryEndpoint(string Name, string Host, int Port)
{
    public const string DockerHubHost = "registry-1.docker.io";

    /// <summary>The registry of <paramref name="image"/>, or null for scratch (nothing is pulled).</summary>
    public static ImageRegistryEndpoint? For(ImageReference image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.IsScratch)
        {
            return null;
        }
        if (image.Domain is null or "docker.io" or "index.docker.io" or DockerHubHost)
        {
            return new ImageRegistryEndpoint("docker.io", DockerHubHost, 443);
        }
        var domain = image.Domain;
        // [::1]:5000 keeps its brackets in the host; the port follows the last ':' outside them.
        var colon = domain.LastIndexOf(':');
        if (colon > domain.LastIndexOf(']') && int.TryParse(domain[(colon + 1)..], out var port))
        {
            return new ImageRegistryEndpoint(domain, domain[..colon], port);
        }
        return new ImageRegistryEndpoint(domain, domain, 443);
    }

    /// <summary>Docker treats a loopback registry as insecure: it tries HTTPS, then plain HTTP.</summary>
    public bool IsLoopback =>
        Host == "localhost" || (IPAddress.TryParse(Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    /// <summary>The registry API's version check, which every registry answers without a repository.</summary>
    public Uri ApiRoot(string scheme) => new($"{scheme}://{Host}:{Port}/v2/");

    public override string ToString() => Name;
}
