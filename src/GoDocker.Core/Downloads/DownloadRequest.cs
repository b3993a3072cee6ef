using GoDocker.Core.Projects;

namespace GoDocker.Core.Downloads;

/// <summary>One run of the download stage: the project, its generated Dockerfile and the docker build arguments.</summary>
public sealed record DownloadRequest(GoProjectSettings Settings, string DockerfilePath, IReadOnlyList<string> DockerBuildArguments)
{
    public TimeSpan EngineTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
