using GoDocker.Core.Docker;

namespace GoDocker.Core.Operations;

/// <summary>How a front end asks for a verify beyond what the project says.</summary>
public sealed record VerifyRequest
{
    /// <summary>A probe timeout per phase that replaces GoVerifyTimeout (the tool's --timeout).</summary>
    public TimeSpan? PhaseTimeout { get; init; }

    /// <summary>Also run the checks inside the base image (the tool's --in-container).</summary>
    public bool InContainer { get; init; }

    /// <summary>Also probe the registries of GoBaseImage, GoRuntimeImage, GoDockerfileSyntax and GoImageRegistry (the tool's --registries).</summary>
    public bool Registries { get; init; }

    /// <summary>
    /// Probe the registries <c>docker build</c> pulls from (GoBaseImage, GoDockerfileSyntax) for images the engine does
    /// not hold (the build's verify): free when the engine has them, a failure at the property's line before Docker runs otherwise.
    /// </summary>
    public bool BuildRegistries { get; init; }

    /// <summary>
    /// The verify a build runs before its download stage (GoDockerVerify). With GoModCacheMode=Layer and a
    /// GoDockerCacheFrom, the upstream probes are left to the download: an imported layer that matches go.mod and go.sum
    /// downloads nothing, and a runner that reaches only its cache must still build.
    /// </summary>
    public bool BeforeBuild { get; init; }

    /// <summary>The engine for --in-container; default: DOCKER_HOST or the local socket.</summary>
    public DockerEndpoint? Engine { get; init; }

    /// <summary>The gateway assembly this front end ships, run when the project sets GoDockerStartProxy.</summary>
    public string? GatewayAssembly { get; init; }
}
