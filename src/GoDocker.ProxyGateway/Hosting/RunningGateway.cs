using GoDocker.ProxyGateway.Cache;
using GoDocker.ProxyGateway.Snapshots;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace GoDocker.ProxyGateway.Hosting;

/// <summary>A gateway that is serving: its address, its parts for inspection, and a graceful stop.</summary>
public sealed class RunningGateway : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping;

    internal RunningGateway(WebApplication app, Uri address, DiskModuleCache cache, SnapshotStore snapshots, ModuleFileService files, GatewayMetrics metrics, CancellationTokenSource stopping)
    {
        _app = app;
        Address = address;
        Cache = cache;
        Snapshots = snapshots;
        Files = files;
        Metrics = metrics;
        _stopping = stopping;
    }

    /// <summary>Base URL to put in GOPROXY, e.g. http://127.0.0.1:38211.</summary>
    public Uri Address { get; }
    public DiskModuleCache Cache { get; }
    public SnapshotStore Snapshots { get; }
    public ModuleFileService Files { get; }
    public GatewayMetrics Metrics { get; }

    /// <summary>Completes when the gateway has stopped (for hosts that run until a signal).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>Stops accepting connections, lets in-flight responses finish (up to the shutdown timeout), then stops fetches.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        await _app.StopAsync(cancellationToken);
        await _stopping.CancelAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }
}
