using GoDocker.ProxyGateway.Protocol;

namespace GoDocker.ProxyGateway.Upstreams;

/// <summary>
/// Passes <c>/sumdb/&lt;name&gt;/…</c> through to configured checksum databases only. Unknown names get 404, which
/// tells the go command to contact the database directly (the proxy protocol's "not supported").
/// </summary>
public sealed class ChecksumDatabasePassthrough(HttpClient http, IReadOnlyDictionary<string, Uri> databases, TimeSpan timeout)
{
    /// <param name="rest">What follows <c>/sumdb/</c> in the raw request path.</param>
    public async Task<(int Status, byte[] Body, string ContentType)> ForwardAsync(string rest, CancellationToken cancellationToken)
    {
        var slash = rest.IndexOf('/');
        var name = slash < 0 ? rest : rest[..slash];
        var path = slash < 0 ? "" : rest[(slash + 1)..];
        if (!databases.TryGetValue(name, out var baseUrl))
        {
            throw new GatewayFailureException(GatewayFailure.NotFound($"checksum database '{name}' is not served by this gateway"));
        }

        if (path == "supported")
        {
            return (200, [], "text/plain; charset=utf-8");
        }

        if (!IsSumdbPath(path))
        {
            throw new GatewayFailureException(GatewayFailure.BadRequest($"'{path}' is not a checksum database request"));
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            using var response = await http.GetAsync(new Uri(baseUrl.ToString().TrimEnd('/') + "/" + path), cts.Token);
            var body = await response.Content.ReadAsByteArrayAsync(cts.Token);
            return ((int)response.StatusCode, body, response.Content.Headers.ContentType?.ToString() ?? "text/plain; charset=utf-8");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new GatewayFailureException(new GatewayFailure(GatewayFailureKind.UpstreamTimedOut, $"checksum database {name} did not answer within {timeout.TotalSeconds:0.#}s"));
        }
        catch (HttpRequestException e)
        {
            throw new GatewayFailureException(new GatewayFailure(GatewayFailureKind.UpstreamFailed, $"checksum database {name}: {e.Message}"));
        }
    }

    /// <summary>latest, lookup/&lt;module@version&gt; or tile/…: the only requests the go command sends, in a safe alphabet.</summary>
    private static bool IsSumdbPath(string path)
    {
        if (path == "latest")
        {
            return true;
        }

        if (!(path.StartsWith("lookup/", StringComparison.Ordinal) || path.StartsWith("tile/", StringComparison.Ordinal)) || path.Length > ModuleRequestParser.MaxPathLength)
        {
            return false;
        }

        return path.Split('/').All(e => e.Length > 0 && e != "." && e != "..")
            && path.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '/' or '.' or '-' or '_' or '~' or '!' or '@' or '+');
    }
}
