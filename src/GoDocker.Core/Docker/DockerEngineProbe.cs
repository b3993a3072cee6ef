using Docker.DotNet;
using Docker.DotNet.Models;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Docker;

/// <summary>Asks the engine, through its API rather than the CLI, whether it runs and which version it is.</summary>
public sealed class DockerEngineProbe
{
    private readonly DockerEndpoint _endpoint;

    public DockerEngineProbe(DockerEndpoint endpoint) => _endpoint = endpoint;

    public async Task<DockerEngineStatus> CheckAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            using var client = CreateClient(timeout);
            await client.System.PingAsync(timeoutSource.Token).ConfigureAwait(false);
            VersionResponse version = await client.System.GetVersionAsync(timeoutSource.Token).ConfigureAwait(false);
            var status = new DockerEngineStatus(version.Version, version.APIVersion, version.Os, version.Arch);
            if (!status.SupportsBuildKit)
            {
                throw new DiagnosticException(DiagnosticCatalog.DockerApiTooOld.Create(status.ApiVersion, DockerEngineStatus.MinimumBuildKitApi));
            }
            return status;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DiagnosticException(DiagnosticCatalog.DockerEngineUnreachable.Create(_endpoint, $"no answer within {timeout.TotalSeconds:0.#} s"));
        }
        catch (Exception e) when (e is not DiagnosticException and not OperationCanceledException)
        {
            throw new DiagnosticException(Unreachable(_endpoint, e), e);
        }
    }

    /// <summary>
    /// What the docker CLI prints when it cannot reach the engine (any CLI version, DOCKER_HOST or socket), or reaches
    /// one too old for BuildKit (API before 1.39): only the engine's API can then say which version it runs (GD5007).
    /// </summary>
    public static bool IsEngineUnreachable(string cliOutput) =>
        cliOutput.Contains("connect to the Docker daemon", StringComparison.OrdinalIgnoreCase)
        || cliOutput.Contains("error during connect", StringComparison.Ordinal)
        || cliOutput.Contains("failed to dial gRPC", StringComparison.Ordinal)
        || cliOutput.Contains("buildkit not supported by daemon", StringComparison.Ordinal);

    /// <summary>
    /// Asks the engine's API why the CLI could not reach it, for a diagnostic that names the address and the reason
    /// (or the engine's too-old API). Falls back to the CLI's own words when the API answers after all.
    /// </summary>
    public async Task<Diagnostic> DiagnoseAsync(TimeSpan timeout, string cliOutput, CancellationToken cancellationToken)
    {
        try
        {
            await CheckAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (DiagnosticException e)
        {
            return e.Diagnostic;
        }
        var line = cliOutput.Split('\n').Select(l => l.Trim()).LastOrDefault(IsEngineUnreachable) ?? "the docker CLI could not connect";
        return DiagnosticCatalog.DockerEngineUnreachable.Create(_endpoint, line);
    }

    /// <summary>Whether an image is present in the engine's local store (no registry is contacted).</summary>
    public async Task<bool> ImageExistsAsync(string image, CancellationToken cancellationToken)
    {
        using var client = CreateClient(TimeSpan.FromSeconds(30));
        try
        {
            await client.Images.InspectImageAsync(image, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DockerImageNotFoundException)
        {
            return false;
        }
        catch (DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    public DockerClient CreateClient(TimeSpan timeout) =>
        new DockerClientConfiguration(_endpoint.Uri, defaultTimeout: timeout).CreateClient();

    /// <summary>
    /// GD5001 for an engine that did not answer; the innermost exception names the socket or TCP error, where the
    /// outer ones only say that an HTTP request failed. Container preflights report it the same way.
    /// </summary>
    internal static Diagnostic Unreachable(DockerEndpoint endpoint, Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }
        return DiagnosticCatalog.DockerEngineUnreachable.Create(endpoint, e.Message);
    }
}
