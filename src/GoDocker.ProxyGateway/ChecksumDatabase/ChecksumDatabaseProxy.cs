using GoDocker.Core.Modules;
using GoDocker.ProxyGateway.Cache;
using GoDocker.ProxyGateway.Hosting;
using GoDocker.ProxyGateway.Protocol;
using GoDocker.ProxyGateway.Serving;
using GoDocker.ProxyGateway.Upstreams;
using Microsoft.Extensions.Logging;

namespace GoDocker.ProxyGateway.ChecksumDatabase;

/// <summary>
/// Serves <c>/sumdb/&lt;name&gt;/…</c> (the go command's "proxying a checksum database" protocol) for configured
/// databases, and for databases whose answers the cache already holds (an air-gapped copy). Signed answers
/// (<c>lookup</c>, <c>tile</c>) never change, so they are cached for good; <c>latest</c> is asked again after the
/// list TTL and served stale when the database cannot be reached. A lookup of a private module (<c>--private</c>) is
/// refused here and never sent anywhere: its path alone would leak the name. Unknown names are 404, which tells the
/// go command to contact the database directly.
/// </summary>
public sealed class ChecksumDatabaseProxy(
    HttpClient http, IReadOnlyDictionary<string, Uri> databases, ChecksumDatabaseCache cache, ModuleRouter router, TimeSpan latestTtl,
    TimeSpan timeout, GatewayMetrics metrics, ILogger logger)
{
    /// <param name="rest">What follows <c>/sumdb/</c> in the raw request path, percent-decoded.</param>
    public async Task<ChecksumDatabaseAnswer> AnswerAsync(string rest, CancellationToken cancellationToken)
    {
        var slash = rest.IndexOf('/');
        var name = slash < 0 ? rest : rest[..slash];
        var path = slash < 0 ? "" : rest[(slash + 1)..];
        databases.TryGetValue(name, out var baseUrl);
        if (baseUrl is null && !(ChecksumDatabaseCache.IsValidName(name) && cache.Holds(name)))
        {
            throw new GatewayFailureException(GatewayFailure.NotFound($"checksum database '{name}' is not served by this gateway"));
        }

        if (path == "supported")
        {
            return new ChecksumDatabaseAnswer(200, [], "text/plain; charset=utf-8", FromCache: false);
        }

        if (!IsSumdbPath(path))
        {
            throw new GatewayFailureException(GatewayFailure.BadRequest($"'{path}' is not a checksum database request"));
        }

        if (path.StartsWith("lookup/", StringComparison.Ordinal))
        {
            RefusePrivate(name, path["lookup/".Length..]);
        }

        metrics.SumdbRequest();
        var immutable = path != "latest";
        if (cache.Read(name, path) is { } cached && (immutable || cached.Age <= latestTtl))
        {
            metrics.SumdbHit();
            return new ChecksumDatabaseAnswer(200, cached.Body, ContentTypeOf(path), FromCache: true);
        }

        if (baseUrl is null)
        {
            return StaleOr(name, path, GatewayFailure.NotFound($"checksum database {name}: {path} is not in the gateway's cache, and the database is not configured"));
        }

        metrics.SumdbUpstreamFetch();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        int status;
        byte[] body;
        try
        {
            using var response = await http.GetAsync(new Uri(baseUrl.ToString().TrimEnd('/') + "/" + path), cts.Token);
            status = (int)response.StatusCode;
            body = await response.Content.ReadAsByteArrayAsync(cts.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return StaleOr(name, path, new GatewayFailure(GatewayFailureKind.UpstreamTimedOut, $"checksum database {name} did not answer within {timeout.TotalSeconds:0.#}s"));
        }
        catch (HttpRequestException e)
        {
            return StaleOr(name, path, new GatewayFailure(GatewayFailureKind.UpstreamFailed, $"checksum database {name}: {e.Message}"));
        }

        if (status != 200)
        {
            // 404/410 are answers (no such module); anything else is the database failing: a stale latest beats none.
            return status is 404 or 410 || path != "latest"
                ? new ChecksumDatabaseAnswer(status, body, "text/plain; charset=utf-8", FromCache: false)
                : StaleOr(name, path, new GatewayFailure(GatewayFailureKind.UpstreamFailed, $"checksum database {name} answered {status}"));
        }

        try
        {
            await cache.WriteAsync(name, path, body, cancellationToken);
        }
        catch (CacheWriteException e)
        {
            // The answer is good; only keeping it failed.
            metrics.DiskFailure();
            logger.LogError("Cache disk failure while storing checksum database answer {Name}/{Path}: {Error}", name, path, e.Message);
        }

        return new ChecksumDatabaseAnswer(200, body, ContentTypeOf(path), FromCache: false);
    }

    private ChecksumDatabaseAnswer StaleOr(string name, string path, GatewayFailure failure)
    {
        if (NarrowedTile(name, path) is { } narrowed)
        {
            metrics.SumdbHit();
            return new ChecksumDatabaseAnswer(200, narrowed, ContentTypeOf(path), FromCache: true);
        }

        if (path == "latest" && cache.Read(name, path) is { } stale)
        {
            metrics.StaleServed();
            logger.LogWarning("Serving a cached checksum database signed tree head for {Name} ({Age:0}s old): {Failure}", name, stale.Age.TotalSeconds, failure.Message);
            return new ChecksumDatabaseAnswer(200, stale.Body, ContentTypeOf(path), FromCache: true);
        }

        throw new GatewayFailureException(failure);
    }

    /// <summary>
    /// A partial hash tile (<c>tile/H/L/NNN.p/W</c>) cut from a wider cached one of the same tile: a tile's first W
    /// hashes (32 bytes each) never change as the log grows, so this is the exact answer the database would send. A
    /// client that saw a smaller tree than the one the cache was warmed with asks for such narrower tiles.
    /// </summary>
    private byte[]? NarrowedTile(string name, string path)
    {
        var parts = path.Split('/');
        if (parts.Length < 5 || parts[0] != "tile" || !int.TryParse(parts[1], out var height) || height is < 1 or > 30
            || !int.TryParse(parts[2], out _) || parts[^2] is not { } last || !last.EndsWith(".p", StringComparison.Ordinal)
            || !int.TryParse(parts[^1], out var width) || width < 1 || width >= 1 << height)
        {
            return null;
        }

        var tile = string.Join('/', parts[..^1])[..^2];
        var wanted = width * 32;
        foreach (var wider in Enumerable.Range(width + 1, (1 << height) - width - 1).Select(w => $"{tile}.p/{w}").Prepend(tile))
        {
            if (cache.Read(name, wider) is { Body.Length: var length } cached && length >= wanted)
            {
                return cached.Body[..wanted];
            }
        }

        return null;
    }

    private void RefusePrivate(string name, string target)
    {
        var at = target.LastIndexOf('@');
        var escaped = at < 0 ? target : target[..at];
        if (!ModulePath.TryUnescapePath(escaped, out var modulePath, out _))
        {
            throw new GatewayFailureException(GatewayFailure.BadRequest($"'{target}' is not a module path and version"));
        }

        if (router.Route(modulePath).Action != ModuleRouteAction.Upstream)
        {
            metrics.SumdbPrivateRefused();
            throw new GatewayFailureException(GatewayFailure.NotFound(
                $"{modulePath} is private to this gateway (--private): it is not looked up in checksum database {name}; set GONOSUMDB or GOPRIVATE for it"));
        }
    }

    private static string ContentTypeOf(string path) =>
        path.StartsWith("tile/", StringComparison.Ordinal) ? "application/octet-stream" : "text/plain; charset=utf-8";

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
