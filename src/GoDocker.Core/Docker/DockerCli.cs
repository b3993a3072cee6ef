namespace GoDocker.Core.Docker;

/// <summary>
/// The CLI every build stage runs through: a docker CLI that can run BuildKit builds (through the buildx plugin or
/// its built-in client), or podman, whose Buildah runs the same Dockerfile. <see cref="ContainerEngineSelector"/> picks it.
/// </summary>
public sealed record DockerCli(string Path, string ClientVersion, bool UsesBuildx, ContainerEngineKind Kind = ContainerEngineKind.Docker)
{
    private static readonly IReadOnlyDictionary<string, string?> BuildKitEnvironment = new Dictionary<string, string?> { ["DOCKER_BUILDKIT"] = "1" };
    private static readonly IReadOnlyDictionary<string, string?> NoEnvironment = new Dictionary<string, string?>();

    public bool IsPodman => Kind == ContainerEngineKind.Podman;

    /// <summary>The words that start a build with this CLI.</summary>
    public IReadOnlyList<string> BuildCommand => UsesBuildx ? ["buildx", "build"] : ["build"];

    /// <summary>Environment the CLI needs: BuildKit for docker (a CLI before 23.0 builds with the legacy builder without it); podman needs none.</summary>
    public IReadOnlyDictionary<string, string?> Environment => IsPodman ? NoEnvironment : BuildKitEnvironment;

    public override string ToString() =>
        IsPodman ? $"{Path} {ClientVersion} (podman, Buildah)"
        : UsesBuildx ? $"{Path} buildx ({ClientVersion})" : $"{Path} {ClientVersion} (built-in BuildKit)";
}
