using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.Projects;

namespace GoDocker.Core.Preflight;

/// <summary>
/// The walking skeleton's preflight: one HTTP request to each GOPROXY URL under a timeout. The probe set of
/// GoDocker.Core.Verification replaces it.
/// </summary>
public sealed class ProxyReachabilityCheck
{
    public sealed record Result(Uri Proxy, bool Reachable, string Detail, Diagnostic? Diagnostic);

    public async Task<IReadOnlyList<Result>> CheckAsync(GoProjectSettings settings, CancellationToken cancellationToken)
    {
        var goProxy = settings.GoEnv("GOPROXY") ?? "https://proxy.golang.org,direct";
        var location = settings.Positions.Property(ProjectPropertyNames.GoProxy);
        var urls = goProxy.Split([',', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(e => e is not "direct" and not "off")
            .Select(e => Uri.TryCreate(e.Contains("://", StringComparison.Ordinal) ? e : "https://" + e, UriKind.Absolute, out var u) ? u : null)
            .OfType<Uri>()
            .ToList();
        using var handler = new SocketsHttpHandler { ConnectTimeout = settings.VerifyTimeout, UseProxy = true };
        using var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        var checks = urls.Select(u => CheckOneAsync(client, u, settings.VerifyTimeout, location, cancellationToken));
        return await Task.WhenAll(checks).ConfigureAwait(false);
    }

    private static async Task<Result> CheckOneAsync(HttpClient client, Uri proxy, TimeSpan timeout, SourceLocation location, CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            using var response = await client.GetAsync(proxy, HttpCompletionOption.ResponseHeadersRead, timeoutSource.Token).ConfigureAwait(false);
            return new Result(proxy, true, $"HTTP {(int)response.StatusCode}", null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Fail(proxy, DiagnosticCatalog.ProbeTimedOut.Create(location, proxy, $"{timeout.TotalSeconds:0.#} s", "HTTP request"));
        }
        catch (HttpRequestException e)
        {
            var host = proxy.IsDefaultPort ? proxy.Host : $"{proxy.Host}:{proxy.Port}";
            var socket = e.InnerException as SocketException;
            var diagnostic = socket?.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => DiagnosticCatalog.ConnectionRefused.Create(location, host, proxy, "GoProxy"),
                SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => DiagnosticCatalog.DnsLookupFailed.Create(location, proxy.Host, proxy, socket.Message, "GoProxy"),
                SocketError.TimedOut => DiagnosticCatalog.ConnectionTimedOut.Create(location, host, proxy, $"{timeout.TotalSeconds:0.#} s"),
                SocketError.ConnectionReset => DiagnosticCatalog.ConnectionReset.Create(location, host, proxy),
                _ when e.InnerException is AuthenticationException auth => DiagnosticCatalog.TlsHandshakeFailed.Create(location, proxy, auth.Message),
                _ => DiagnosticCatalog.ProxyHttpError.Create(location, proxy, e.Message, "its root"),
            };
            return Fail(proxy, diagnostic);
        }
    }

    private static Result Fail(Uri proxy, Diagnostic diagnostic) => new(proxy, false, diagnostic.Message, diagnostic);
}
