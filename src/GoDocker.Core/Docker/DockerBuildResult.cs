namespace GoDocker.Core.Docker;

/// <summary>How a docker build ended, with its whole output for classification.</summary>
public sealed record DockerBuildResult(int ExitCode, string Output, TimeSpan Duration)
{
    public bool Succeeded => ExitCode == 0;
}
