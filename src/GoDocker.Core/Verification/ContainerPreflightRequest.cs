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

    /// <summary>The Go settings the build passes into the image, as the go command in the container would read them.</summary>
    public static readonly IReadOnlyList<string> BuildVariables =
        ["GOPROXY", "GOSUMDB", "GOPRIVATE", "GONOPROXY", "GONOSUMDB", "GOINSECURE", "GOFLAGS", "GOTOOLCHAIN", "GOVCS"];

    /// <summary>
    /// A request carrying the build's Go environment: the GO* settings and the HTTP proxy variables, left out when
    /// empty so the image's own defaults apply as they would in the build.
    /// </summary>
    public static ContainerPreflightRequest For(GoEnv.GoEnvironment environment, string image, string modulePath, string moduleVersion)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in BuildVariables)
        {
            if (environment.Values.TryGetValue(name, out var value) && value.Value.Length > 0)
            {
                variables[name] = value.Value;
            }
        }
        void Proxy(string name, string value)
        {
            if (value.Length > 0)
            {
                variables[name] = value;
            }
        }
        Proxy("HTTP_PROXY", environment.HttpProxy.HttpProxy);
        Proxy("HTTPS_PROXY", environment.HttpProxy.HttpsProxy);
        Proxy("NO_PROXY", environment.HttpProxy.NoProxy);
        return new ContainerPreflightRequest(image, variables, modulePath, moduleVersion);
    }

    /// <summary>The whole run's limit: pulling nothing, but go mod download may take a while.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(2);
}
