namespace GoDocker.Core.Verification;

/// <summary>
/// What <see cref="ContainerPreflight"/> runs: the project's base image, the build's Go environment (GOPROXY,
/// GOSUMDB, GOPRIVATE, HTTPS_PROXY…), one required module version to download, and the GoCaCertificate files to
/// mount (added through SSL_CERT_DIR, as the generated Dockerfile does).
/// </summary>
public sealed record ContainerPreflightRequest(string Image, IReadOnlyDictionary<string, string> Environment, string ModulePath, string ModuleVersion)
{
    /// <summary>The build's network mode; builds here run with host networking.</summary>
    public string NetworkMode { get; init; } = "host";

    public IReadOnlyList<string> CaCertificateFiles { get; init; } = [];

    /// <summary>The whole run's limit: pulling nothing, but go mod download may take a while.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(2);
}
