using System.Net.Sockets;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.Projects;

namespace GoDocker.Core.Docker;

/// <summary>
/// The one place that decides which CLI runs a project's builds (GoContainerEngine). Docker and Podman take that
/// CLI or fail with its diagnostic. Auto takes the docker CLI when one is found; where podman is installed too, only
/// if Docker's engine takes a connection at its address within <see cref="AutoProbeTimeout"/>, else podman. A machine without podman
/// pays nothing for Auto: no probe runs, and Docker's own diagnostics stay what they were.
/// </summary>
public sealed class ContainerEngineSelector
{
    public static readonly TimeSpan AutoProbeTimeout = TimeSpan.FromSeconds(3);

    private readonly DockerCliLocator _docker;
    private readonly PodmanCliLocator _podman;
    private readonly DockerEndpoint? _endpoint;

    public ContainerEngineSelector(DockerCliLocator? docker = null, PodmanCliLocator? podman = null, DockerEndpoint? endpoint = null)
    {
        _docker = docker ?? new DockerCliLocator();
        _podman = podman ?? new PodmanCliLocator();
        _endpoint = endpoint;
    }

    /// <param name="stateDirectory">The project's obj/godocker folder, where each CLI lookup is remembered; null: not remembered.</param>
    /// <exception cref="DiagnosticException">No engine of the chosen kind can run the build (GD5002, GD5020).</exception>
    public async Task<DockerCli> SelectAsync(GoProjectSettings settings, string? stateDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var dockerCache = stateDirectory is null ? null : Path.Combine(stateDirectory, "docker-cli.cache");
        var podmanCache = stateDirectory is null ? null : Path.Combine(stateDirectory, "podman-cli.cache");
        var at = settings.Positions.Property(ProjectSettingCatalog.GoContainerEngine.Name);
        switch (settings.ContainerEngine)
        {
            case ContainerEngineChoice.Docker:
                return await _docker.LocateAsync(cancellationToken, dockerCache).ConfigureAwait(false);
            case ContainerEngineChoice.Podman:
                return await _podman.LocateAsync(at, cancellationToken, podmanCache).ConfigureAwait(false);
        }

        DockerCli? docker = null;
        DiagnosticException? dockerProblem = null;
        try
        {
            docker = await _docker.LocateAsync(cancellationToken, dockerCache).ConfigureAwait(false);
        }
        catch (DiagnosticException e)
        {
            dockerProblem = e;
        }
        if (!_podman.IsInstalled)
        {
            return docker ?? throw dockerProblem!;
        }
        // A Docker address set up wrongly (DOCKER_HOST, a context, TLS files) is a mistake to report, not a reason to
        // build somewhere else: the user asked for that engine.
        if ((_endpoint ?? DockerEndpoint.FromEnvironment()).Problem is { } endpointProblem)
        {
            return docker ?? throw (dockerProblem ?? new DiagnosticException(endpointProblem));
        }
        if (docker is not null && await DockerAnswersAsync(cancellationToken).ConfigureAwait(false))
        {
            return docker;
        }
        try
        {
            return await _podman.LocateAsync(at, cancellationToken, podmanCache).ConfigureAwait(false);
        }
        catch (DiagnosticException) when (docker is not null || dockerProblem is not null)
        {
            // Podman does not run either: Docker's own problem is what the build reports (or falls back on).
            return docker ?? throw dockerProblem!;
        }
    }

    /// <summary>
    /// Whether Docker's engine takes a connection at its address: a socket connect, not an API call, so Auto costs a
    /// build microseconds rather than an API client's start-up. A named pipe (Windows) is asked through the API.
    /// </summary>
    private async Task<bool> DockerAnswersAsync(CancellationToken cancellationToken)
    {
        var endpoint = _endpoint ?? DockerEndpoint.FromEnvironment();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(AutoProbeTimeout);
        try
        {
            switch (endpoint.Uri.Scheme)
            {
                case "unix":
                    using (var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
                    {
                        await socket.ConnectAsync(new UnixDomainSocketEndPoint(endpoint.Uri.LocalPath), timeout.Token).ConfigureAwait(false);
                    }
                    return true;
                case "tcp" or "http" or "https":
                    using (var client = new TcpClient())
                    {
                        await client.ConnectAsync(endpoint.Uri.Host, endpoint.Uri.Port > 0 ? endpoint.Uri.Port : 2375, timeout.Token).ConfigureAwait(false);
                    }
                    return true;
            }
            await new DockerEngineProbe(endpoint).CheckAsync(AutoProbeTimeout, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DiagnosticException e)
        {
            // An engine that answers but is too old is still Docker's, and its build reports it (GD5007).
            return e.Diagnostic.Descriptor != DiagnosticCatalog.DockerEngineUnreachable;
        }
        catch (Exception e) when (e is SocketException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }
}
