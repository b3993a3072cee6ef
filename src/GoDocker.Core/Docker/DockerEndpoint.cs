using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Docker;

/// <summary>
/// The Docker engine address, chosen as the docker CLI chooses it (<see cref="DockerEndpointResolver"/>): where it
/// came from, the TLS files to connect with, or why the CLI would refuse the configuration.
/// </summary>
public sealed record DockerEndpoint(Uri Uri)
{
    /// <summary>What named the address, for diagnostics: "DOCKER_HOST", "Docker context 'x' (DOCKER_CONTEXT)"…</summary>
    public string Origin { get; init; } = "";

    /// <summary>TLS files for a tcp:// engine; null for plain HTTP, unix sockets, pipes and ssh.</summary>
    public DockerTlsMaterial? Tls { get; init; }

    /// <summary>A configuration the docker CLI refuses too (bad DOCKER_HOST, unknown context, missing TLS files).</summary>
    public Diagnostic? Problem { get; init; }

    public bool IsSsh => Uri.Scheme == "ssh";

    public static DockerEndpoint FromEnvironment(Func<string, string?>? getEnv = null) =>
        new DockerEndpointResolver(getEnv).Resolve();

    /// <summary>The address and what named it, as diagnostics show it.</summary>
    public string Description => Origin.Length == 0 ? ToString() : $"{this} ({Origin})";

    public override string ToString() => Uri.OriginalString;
}
