using GoDocker.ProxyGateway.Cache;
using GoDocker.ProxyGateway.Hosting;
using GoDocker.ProxyGateway.Protocol;
using GoDocker.ProxyGateway.Snapshots;
using GoDocker.ProxyGateway.Upstreams;

namespace GoDocker.ProxyGateway.Serving;

/// <summary>
/// Serves module file requests from the selected view: a snapshot (read-only), or the live cache, which fetches
/// what it lacks through <see cref="ModuleFetcher"/> and keeps lists fresh through <see cref="ListFreshness"/>.
/// Knows nothing of HTTP; failures are <see cref="GatewayFailureException"/>s.
/// </summary>
public sealed class ModuleFileService(
    IModuleCache cache, IContentStore content, SnapshotStore snapshots, ModuleRouter router, ModuleFetcher fetcher,
    VersionPrefetch prefetch, ListFreshness lists, GatewayOptions options, GatewayMetrics metrics)
{
    /// <param name="snapshot">A snapshot named in the URL (/snapshots/&lt;name&gt;/), or null for the default view.</param>
    public async Task<ServedFile> GetAsync(ModuleRequest request, string? snapshot, CancellationToken cancellationToken)
    {
        metrics.Request(request.Kind);
        var view = ViewFor(snapshot);
        if (view is not null)
        {
            router.RouteAllowed(request.ModulePath);
            return ServeFromSnapshot(request, view);
        }

        return await ServeLiveAsync(request, prefetchVersion: true, cancellationToken);
    }

    /// <summary>
    /// The answer when it is a committed file already held by the selected view (a cache or snapshot hit), with the
    /// same rules as <see cref="GetAsync"/>; null for anything else (a miss, a list, a denied or passed-through
    /// module, a file longer than <paramref name="maxLength"/>), which then takes the full way through
    /// <see cref="GetAsync"/> and is counted there.
    /// </summary>
    public ServedFile? TryGetHit(ModuleRequest request, string? snapshot, long maxLength)
    {
        if (!request.Kind.IsImmutable())
        {
            return null;
        }

        var route = router.Route(request.ModulePath);
        if (route.Action == ModuleRouteAction.Deny)
        {
            return null;
        }

        var view = ViewFor(snapshot);
        OpenBlob? blob;
        if (view is not null)
        {
            blob = snapshots.TryLoad(view) is { } held ? AcquireFrom(held, request) : null;
        }
        else
        {
            blob = route.Action == ModuleRouteAction.Passthrough ? null : cache.Acquire(request.Key);
        }

        if (blob is null || blob.Length > maxLength)
        {
            blob?.Release();
            return null;
        }

        metrics.Request(request.Kind);
        metrics.Hit(request.Kind);
        return new ServedFile(blob, request.Kind, fromCache: true);
    }

    /// <summary>
    /// Answers from the live cache (or upstream) whatever view is selected, fetching exactly the file asked for (no
    /// <see cref="VersionPrefetch"/>): warm uses this, and names every file it wants itself.
    /// </summary>
    public async Task<ServedFile> GetLiveAsync(ModuleRequest request, CancellationToken cancellationToken)
    {
        metrics.Request(request.Kind);
        return await ServeLiveAsync(request, prefetchVersion: false, cancellationToken);
    }

    private async Task<ServedFile> ServeLiveAsync(ModuleRequest request, bool prefetchVersion, CancellationToken cancellationToken)
    {
        var route = router.RouteAllowed(request.ModulePath);
        if (route.Action == ModuleRouteAction.Passthrough)
        {
            metrics.Miss(request.Kind);
            return await fetcher.PassThroughAsync(request, route.Upstream, cancellationToken);
        }

        return request.Kind.IsImmutable()
            ? await ServeFileAsync(request, route.Upstream, prefetchVersion, cancellationToken)
            : await lists.ServeAsync(request, route.Upstream, cancellationToken);
    }

    private async Task<ServedFile> ServeFileAsync(ModuleRequest request, IUpstreamFetcher upstream, bool prefetchVersion, CancellationToken cancellationToken)
    {
        if (cache.Acquire(request.Key) is { } cached)
        {
            metrics.Hit(request.Kind);
            return new ServedFile(cached, request.Kind, fromCache: true);
        }

        metrics.Miss(request.Kind);
        if (options.Offline)
        {
            throw Fail(GatewayFailure.NotFound($"{request.ModulePath}@{request.Version}: not in the cache, and the gateway is offline"));
        }

        if (prefetchVersion)
        {
            // Alongside the .info's own fetch: the go command asks for the .mod as soon as it has the .info.
            prefetch.Start(request, upstream, ModuleFileKind.Mod);
        }

        var pin = await fetcher.FetchFileAsync(request, upstream, cancellationToken);
        if (prefetchVersion)
        {
            // The zip once the .info is stored: its checks and commit would otherwise take the CPU the .info and .mod
            // answers wait for, and the go command asks for zips only after every .info and .mod.
            prefetch.Start(request, upstream, ModuleFileKind.Zip);
        }

        var blob = content.Acquire(pin.Sha256)
            ?? throw Fail(new GatewayFailure(GatewayFailureKind.Unavailable, $"{request.ModulePath}@{request.Version}: content was evicted while being served; retry"));
        return new ServedFile(blob, request.Kind, fromCache: false);
    }

    private ServedFile ServeFromSnapshot(ModuleRequest request, string name)
    {
        // GD3051's message names the cache folder: fine for an operator, not for every client on the network.
        var snapshot = snapshots.TryLoad(name) ?? throw Fail(GatewayFailure.NotFound($"no snapshot '{name}'"));

        if (request.Kind.IsImmutable())
        {
            if (AcquireFrom(snapshot, request) is { } blob)
            {
                metrics.Hit(request.Kind);
                return new ServedFile(blob, request.Kind, fromCache: true);
            }

            metrics.Miss(request.Kind);
            throw Fail(GatewayFailure.NotFound($"{request.ModulePath}@{request.Version}: not in snapshot '{name}'"));
        }

        var body = snapshot.Lists.TryGetValue(request.Key, out var list) ? list.Body
            : request.Kind == ModuleFileKind.List ? VersionListComposer.Compose(snapshot.Files.Keys, request)
            : null;
        if (body is not null)
        {
            metrics.Hit(request.Kind);
            return ListFreshness.Serve(body, request, fromCache: true);
        }

        metrics.Miss(request.Kind);
        throw Fail(GatewayFailure.NotFound($"{request.ModulePath}: no {(request.Kind == ModuleFileKind.List ? "versions" : "latest version")} in snapshot '{name}'"));
    }

    /// <summary>The view a request is served from: the snapshot its URL names, this process's, or the cache's stored one.</summary>
    private string? ViewFor(string? snapshot) => snapshot ?? options.SnapshotView ?? snapshots.CurrentView();

    /// <summary>The blob a snapshot pins for the request's file, held open; null when it pins none or it is gone.</summary>
    private OpenBlob? AcquireFrom(LoadedSnapshot snapshot, ModuleRequest request) =>
        snapshot.Files.TryGetValue(request.Key, out var pin) ? content.Acquire(pin.Sha256) : null;

    private static GatewayFailureException Fail(GatewayFailure failure) => new(failure);
}
