using GoDocker.ProxyGateway.Cache;
using GoDocker.ProxyGateway.Serving;
using GoDocker.ProxyGateway.Snapshots;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace GoDocker.ProxyGateway.Hosting;

/// <summary>A gateway that is serving: its address, its parts for inspection, and a graceful stop.</summary>
public sealed class RunningGateway : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly GatewayComponents _components;
    private int _stopped;

    internal RunningGateway(WebApplication app, Uri address, GatewayComponents components, Task prefetched)
    {
        _app = app;
        Address = address;
        _components = components;
        Prefetched = prefetched;
    }

    /// <summary>Completes when the start-up prefetch (<see cref="GatewayOptions.PrefetchFrom"/>) has ended; at once without one.</summary>
    public Task Prefetched { get; }

    /// <summary>Base URL to put in GOPROXY, e.g. http://127.0.0.1:38211/.</summary>
    public Uri Address { get; }
    public DiskModuleCache Cache => _components.Cache;
    public IContentStore Blobs => _components.Blobs;
    public SnapshotStore Snapshots => _components.Snapshots;
    public ModuleFileService Files => _components.Files;
    public CacheRevalidator Revalidator => _components.Revalidator;
    public ModuleWarmer Warmer => _components.Warmer;
    public GatewayMetrics Metrics => _components.Metrics;
    public GoDocker.ProxyGateway.Coordination.IFetchCoordination Coordination => _components.Coordination;

    /// <summary>Completes when the gateway has stopped (for hosts that run until a signal).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>Stops accepting connections, lets in-flight responses finish (up to the shutdown timeout), then stops fetches.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        await _app.StopAsync(cancellationToken);
        await _components.StopFetchesAsync();
        await Prefetched;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
        _components.Dispose();
        await _components.Coordination.DisposeAsync();
    }
}
