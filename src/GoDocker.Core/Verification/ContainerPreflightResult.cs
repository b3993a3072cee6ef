using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Verification;

/// <summary>What the checks inside the base image found, with the container's own output kept for the report.</summary>
public sealed record ContainerPreflightResult(
    string Image,
    string? GoVersion,
    IReadOnlyDictionary<string, string> GoEnv,
    string? CaBundle,
    int DownloadExitCode,
    string DownloadOutput,
    IReadOnlyList<Diagnostic> Diagnostics,
    TimeSpan Duration)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    public bool Downloaded => DownloadExitCode == 0;
}
