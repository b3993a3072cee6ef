namespace GoDocker.Core.Docker;

/// <summary>The Docker engine address, as the docker CLI would choose it (DOCKER_HOST, else the local socket).</summary>
public sealed record DockerEndpoint(Uri Uri)
{
    public static DockerEndpoint FromEnvironment(Func<string, string?>? getEnv = null)
    {
        getEnv ??= Environment.GetEnvironmentVariable;
        var host = getEnv("DOCKER_HOST");
        if (!string.IsNullOrWhiteSpace(host) && Uri.TryCreate(host, UriKind.Absolute, out var uri))
        {
            return new DockerEndpoint(uri);
        }
        return new DockerEndpoint(OperatingSystem.IsWindows()
            ? new Uri("npipe://./pipe/docker_engine")
            : new Uri("unix:///var/run/docker.sock"));
    }

    public override string ToString() => Uri.ToString();
}
