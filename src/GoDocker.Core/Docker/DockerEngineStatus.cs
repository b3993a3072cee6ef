namespace GoDocker.Core.Docker;

/// <summary>What the engine said when asked: its versions, and whether it can run BuildKit builds.</summary>
public sealed record DockerEngineStatus(string ServerVersion, string ApiVersion, string OperatingSystem, string Architecture)
{
    /// <summary>BuildKit arrived with engine API 1.39 (Docker 18.09).</summary>
    public static readonly Version MinimumBuildKitApi = new(1, 39);

    public bool SupportsBuildKit => Version.TryParse(ApiVersion, out var v) && v >= MinimumBuildKitApi;
}
