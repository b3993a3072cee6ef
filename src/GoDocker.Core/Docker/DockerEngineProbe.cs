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
        if (_endpoint.Problem is { } problem)
        {
            throw new DiagnosticException(problem);
        }
        if (_endpoint.IsSsh)
        {
            return await new DockerSshEngineClient(_endpoint).CheckAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        using var tls = CreateCredentials();
        try
        {
            using var client = CreateClient(timeout, tls);
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
            throw new DiagnosticException(DiagnosticCatalog.DockerEngineUnreachable.Create(_endpoint.Description, $"no answer within {timeout.TotalSeconds:0.#} s"));
        }
        catch (Exception e) when (e is not DiagnosticException and not OperationCanceledException)
        {
            throw new DiagnosticException(Failure(_endpoint, e, tls), e);
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
        || cliOutput.Contains("buildkit not supported by daemon", StringComparison.Ordinal)
        // The CLI refusing its own configuration (DOCKER_HOST, context, TLS files): the resolver says which and why.
        || cliOutput.Contains("unable to resolve docker endpoint", StringComparison.Ordinal)
        || cliOutput.Contains("ssh host connection is not valid", StringComparison.Ordinal)
        // TLS with the engine (refusing its certificate is "error during connect", the engine refusing ours is "failed to
        // dial gRPC" in a build). Not any "x509:" or "tls:" line: go and BuildKit print those for proxies and registries.
        || cliOutput.Contains("the server probably has client authentication (--tlsverify) enabled", StringComparison.Ordinal)
        || cliOutput.Contains("Client sent an HTTP request to an HTTPS server", StringComparison.Ordinal);

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
        return DiagnosticCatalog.DockerEngineUnreachable.Create(_endpoint.Description, line);
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

    /// <summary>An API client for the endpoint, with its TLS files where it has them (the client owns the credentials).</summary>
    public DockerClient CreateClient(TimeSpan timeout) => CreateClient(timeout, CreateCredentials());

    /// <summary>
    /// An API client and the TLS credentials it holds: they record how the handshake went, so a failed request is told
    /// apart as the engine's certificate rejected (GD5010), ours refused (GD5011) or no answer (GD5001).
    /// </summary>
    internal DockerClient CreateClient(TimeSpan timeout, out DockerTlsCredentials? tls)
    {
        tls = CreateCredentials();
        return CreateClient(timeout, tls);
    }

    /// <summary>Why a request through a client from <see cref="CreateClient(TimeSpan, out DockerTlsCredentials?)"/> failed.</summary>
    internal Diagnostic Explain(Exception e, DockerTlsCredentials? tls) => Failure(_endpoint, e, tls);

    private DockerClient CreateClient(TimeSpan timeout, DockerTlsCredentials? tls) =>
        (tls is null
            ? new DockerClientConfiguration(_endpoint.Uri, defaultTimeout: timeout)
            : new DockerClientConfiguration(_endpoint.Uri, tls, defaultTimeout: timeout)).CreateClient();

    private DockerTlsCredentials? CreateCredentials()
    {
        if (_endpoint.Tls is not { } material || _endpoint.Uri.Scheme != "tcp")
        {
            return null;
        }
        try
        {
            return new DockerTlsCredentials(material);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException)
        {
            // The resolver checked the files; they changed since.
            throw new DiagnosticException(DiagnosticCatalog.DockerTlsFilesInvalid.Create(_endpoint, _endpoint.Origin, e.Message, material.Folder, material.ChangeHint), e);
        }
    }

    /// <summary>
    /// Why a request failed: the engine's certificate rejected (GD5010), our client certificate refused (GD5011), a TLS
    /// engine asked in plain HTTP (GD5013), else unreachable with the innermost error (GD5001).
    /// </summary>
    private static Diagnostic Failure(DockerEndpoint endpoint, Exception e, DockerTlsCredentials? tls)
    {
        if (e is DockerApiException { StatusCode: System.Net.HttpStatusCode.BadRequest } api
            && api.ResponseBody?.Contains("HTTP request to an HTTPS server", StringComparison.OrdinalIgnoreCase) == true)
        {
            return DiagnosticCatalog.DockerEngineExpectsTls.Create(endpoint, endpoint.Origin);
        }
        var innermost = e;
        var handshake = false;
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            handshake |= inner is System.Security.Authentication.AuthenticationException;
            innermost = inner;
        }
        if (tls?.ServerCertificateProblem is { } rejected)
        {
            return DiagnosticCatalog.DockerEngineCertificateUntrusted.Create(endpoint.Description, endpoint.Tls?.CaFile ?? "this machine's root store", rejected);
        }
        if (tls is not null && endpoint.Tls is { } material && (handshake || tls.ServerCertificateAccepted))
        {
            // The engine's certificate passed; the handshake failed after it, when the engine read ours.
            return DiagnosticCatalog.DockerEngineRefusedClientCertificate.Create(endpoint.Description,
                material.CertFile ?? $"(none: no {DockerTlsMaterial.CertFileName} in {material.Folder})", innermost.Message,
                material.ChangeHint == "DOCKER_CERT_PATH" ? $"DOCKER_CERT_PATH ({material.Folder})" : material.ChangeHint);
        }
        return DiagnosticCatalog.DockerEngineUnreachable.Create(endpoint.Description, innermost.Message);
    }
}
