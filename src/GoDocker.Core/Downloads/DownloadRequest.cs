using GoDocker.Core.Dockerfiles;
using GoDocker.Core.Projects;

namespace GoDocker.Core.Downloads;

/// <summary>One run of the download stage: the project and the docker build of its Dockerfile's deps stage.</summary>
public sealed record DownloadRequest(GoProjectSettings Settings, DockerBuildCommand Command)
{
    /// <summary>The download stage of a generated Dockerfile, as the build and `godocker download` run it; what it
    /// remembers (the docker CLI) goes beside the Dockerfile.</summary>
    public static DownloadRequest For(GoProjectSettings settings, string dockerfilePath) =>
        new(settings, DockerBuildCommand.ForDownloadStage(settings, dockerfilePath))
        {
            StateDirectory = Path.GetDirectoryName(Path.GetFullPath(dockerfilePath)),
        };

    public static TimeSpan DefaultEngineTimeout { get; } = TimeSpan.FromSeconds(10);

    public TimeSpan EngineTimeout { get; init; } = DefaultEngineTimeout;

    /// <summary>A folder of the project's own (obj/godocker) where the stage may remember what it found, such as the docker CLI.</summary>
    public string? StateDirectory { get; init; }
}
