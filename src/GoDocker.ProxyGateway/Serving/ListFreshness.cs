using System.Text;
using GoDocker.ProxyGateway.Cache;
using GoDocker.ProxyGateway.Hosting;
using GoDocker.ProxyGateway.Protocol;
using GoDocker.ProxyGateway.Upstreams;
using Microsoft.Extensions.Logging;

namespace GoDocker.ProxyGateway.Serving;

/// <summary>
/// List and @latest answers, which change over time: a stored answer is served for the list TTL, then asked for
/// again; when every upstream fails (but not when they say the module is gone) the stale answer is served. Offline,
/// stored answers never expire and a missing list is composed from the pinned .mod files.
/// </summary>
public sealed class ListFreshness(IListCache lists, IModuleCache cache, ModuleFetcher fetcher, GatewayOptions options, GatewayMetrics metrics, ILogger logger)
{
    public async Task<ServedFile> ServeAsync(ModuleRequest request, IUpstreamFetcher upstream, CancellationToken cancellationToken)
    {
        var stored = lists.Get(request.Key);
        if (stored is not null && (options.Offline || DateTimeOffset.UtcNow - stored.FetchedAt < options.ListTtl))
        {
            metrics.Hit(request.Kind);
            return Serve(stored.Body, request, fromCache: true);
        }

        metrics.Miss(request.Kind);
        if (options.Offline)
        {
            if (request.Kind == ModuleFileKind.List && VersionListComposer.Compose(cache.Pins().Select(p => p.Key), request) is { } composed)
            {
                return Serve(composed, request, fromCache: true);
            }

            throw new GatewayFailureException(GatewayFailure.NotFound($"{request.ModulePath}: not in the cache, and the gateway is offline"));
        }

        try
        {
            var fetched = await fetcher.FetchListAsync(request, upstream, cancellationToken);
            return Serve(fetched.Body, request, fromCache: false);
        }
        catch (GatewayFailureException e) when (stored is not null && e.Failure.Kind is not (GatewayFailureKind.NotFound or GatewayFailureKind.Gone))
        {
            metrics.StaleServed();
            logger.LogWarning("Serving stale {Key} fetched {FetchedAt}: {Error}", request.Key, stored.FetchedAt, e.Failure.Message);
            return Serve(stored.Body, request, fromCache: true);
        }
    }

    internal static ServedFile Serve(string body, ModuleRequest request, bool fromCache) =>
        ServedFile.FromBytes(Encoding.UTF8.GetBytes(body), request.Kind, fromCache);
}
