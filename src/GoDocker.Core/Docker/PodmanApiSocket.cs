using GoDocker.Core.Diagnostics;
using GoDocker.Core.Projects;

namespace GoDocker.Core.Docker;

/// <summary>
/// Where podman serves its Docker-compatible API, which <c>verify --in-container</c> runs its check container
/// through when the build runs on podman: CONTAINER_HOST (podman's own variable) when it names a unix socket, else
/// the socket podman.socket listens on (<c>/run/podman/podman.sock</c> as root, <c>$XDG_RUNTIME_DIR/podman/podman.sock</c>
/// rootless). Podman has no daemon, so that socket exists only while the service runs.
/// </summary>
public static class PodmanApiSocket
{
    public static string Path(Func<string, string?>? getEnv = null)
    {
        getEnv ??= Environment.GetEnvironmentVariable;
        if (getEnv("CONTAINER_HOST") is { Length: > 0 } host && host.StartsWith("unix://", StringComparison.Ordinal))
        {
            return host["unix://".Length..];
        }
        var runtime = getEnv("XDG_RUNTIME_DIR");
        return Environment.UserName == "root" || string.IsNullOrEmpty(runtime)
            ? "/run/podman/podman.sock"
            : System.IO.Path.Combine(runtime, "podman", "podman.sock");
    }

    /// <exception cref="DiagnosticException">GD5022 at GoContainerEngine when the socket is not there.</exception>
    public static DockerEndpoint Endpoint(GoProjectSettings settings, Func<string, string?>? getEnv = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var path = Path(getEnv);
        if (!File.Exists(path))
        {
            throw new DiagnosticException(DiagnosticCatalog.PodmanApiSocketMissing.Create(
                settings.Positions.Property(ProjectSettingCatalog.GoContainerEngine.Name), path));
        }
        return new DockerEndpoint(new Uri("unix://" + path));
    }
}
