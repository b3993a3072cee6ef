namespace GoDocker.Core.Docker;

/// <summary>A docker CLI that can run BuildKit builds, and how: through the buildx plugin or its built-in client.</summary>
public sealed record DockerCli(string Path, string ClientVersion, bool UsesBuildx)
{
    /// <summary>The words that start a BuildKit build with this CLI.</summary>
    public IReadOnlyList<string> BuildCommand => UsesBuildx ? ["buildx", "build"] : ["build"];

    /// <summary>Environment the CLI needs for BuildKit; a CLI before 23.0 builds with the legacy builder without it.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; } = new Dictionary<string, string?> { ["DOCKER_BUILDKIT"] = "1" };

    public override string ToString() => UsesBuildx ? $"{Path} buildx ({ClientVersion})" : $"{Path} {ClientVersion} (built-in BuildKit)";
}
