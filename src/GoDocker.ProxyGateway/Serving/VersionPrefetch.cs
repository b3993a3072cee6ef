using GoDocker.ProxyGateway.Cache;
using GoDocker.ProxyGateway.Hosting;
using GoDocker.ProxyGateway.Protocol;
using GoDocker.ProxyGateway.Upstreams;
using Microsoft.Extensions.Logging;

namespace GoDocker.ProxyGateway.Serving;

/// <summary>
/// When a version's .info is fetched, fetches its .mod beside it and its .zip once the .info is stored (as its answer
/// goes out), in the background; <see cref="ModuleFileService"/> starts each. The go command asks for a version's .mod
/// right after its .info (`go mod download` asks every .info and .mod first, one at a time, the zips after them), so
/// by then they are stored, or it joins the fetch under way; Athens likewise stashes a whole version on any request.
/// Each file still goes through the fetcher: one fetch per key, staged, verified and pinned before anyone is served
/// it. For a version the upstream does not have, that is one more request (the .mod) answered 404, and nothing kept.
/// </summary>
public sealed class VersionPrefetch(IModuleCache cache, ModuleFetcher fetcher, GatewayMetrics metrics, ILogger logger, bool enabled)
{
    /// <summary>Starts the fetch of <paramref name="info"/>'s sibling <paramref name="kind"/> unless it was stored before; returns at once.</summary>
    public void Start(ModuleRequest info, IUpstreamFetcher upstream, ModuleFileKind kind)
    {
        if (!enabled || info.Kind != ModuleFileKind.Info)
        {
            return;
        }

        var sibling = info with { Kind = kind };
        if (cache.GetPin(sibling.Key) is not null)
        {
            // Stored once already: a file whose content was evicted is restored when it is asked for, by that
            // request alone, so a re-published version (GD3050) is reported once, to the client that asked.
            return;
        }

        metrics.Prefetch();
        _ = FetchAsync(sibling, upstream);
    }

    private async Task FetchAsync(ModuleRequest request, IUpstreamFetcher upstream)
    {
        try
        {
            // Nobody waits for this answer: a failure is the client's to see when it asks, through a fetch of its own.
            await fetcher.FetchFileAsync(request, upstream, CancellationToken.None);
        }
        catch (GatewayFailureException e)
        {
            logger.LogDebug("Prefetch of {Key} failed: {Message}", request.Key, e.Failure.Message);
        }
        catch (OperationCanceledException)
        {
            // The gateway is stopping.
        }
    }
}
