using System.Net;
using GoDocker.ProxyGateway.Cache;
using GoDocker.ProxyGateway.Snapshots;
using GoDocker.ProxyGateway.Upstreams;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GoDocker.ProxyGateway.Hosting;

/// <summary>
/// Everything a gateway is made of except the HTTP server: used by <see cref="ProxyGatewayHost.StartAsync"/> and
/// on its own by commands that work on a cache without serving (warm, snapshot).
/// </summary>
public sealed class GatewayComponents : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly HttpClient _http;

    public GatewayComponents(GatewayOptions options)
        : this(options, sweepTemp: true)
    {
    }

    /// <param name="sweepTemp">False for one-shot work next to a gateway that may be serving the same cache.</param>
    internal GatewayComponents(GatewayOptions options, bool sweepTemp)
    {
        var loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        Logger = loggerFactory.CreateLogger("GoDocker.ProxyGateway");
        (Cache, Snapshots) = ProxyGatewayHost.OpenCache(options, loggerFactory, sweepTemp);
        _http = new HttpClient(options.UpstreamHandler ?? new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All }, disposeHandler: options.UpstreamHandler is null)
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        Upstream = new HttpUpstreamChain(_http, options.Upstreams, options.Credentials, Logger);
        options = options with
        {
            ModuleRules = options.ModuleRules
                .Select(r => r.Upstream is null && r.Endpoints is { Count: > 0 } e ? r with { Upstream = new HttpUpstreamChain(_http, e, options.Credentials, Logger) } : r)
                .ToArray(),
        };
        Options = options;
        Metrics = new GatewayMetrics();
        Files = new ModuleFileService(Cache, Snapshots, Upstream, options, Metrics, Logger, _stopping.Token);
        ChecksumDatabases = new ChecksumDatabasePassthrough(_http, options.ChecksumDatabases, options.Upstreams.FirstOrDefault()?.EffectiveTimeout ?? UpstreamEndpoint.DefaultTimeout);
        Warmer = new ModuleWarmer(Files);
    }

    public GatewayOptions Options { get; }
    public ILogger Logger { get; }
    public DiskModuleCache Cache { get; }
    public SnapshotStore Snapshots { get; }
    public HttpUpstreamChain Upstream { get; }
    public GatewayMetrics Metrics { get; }
    public ModuleFileService Files { get; }
    public ChecksumDatabasePassthrough ChecksumDatabases { get; }
    public ModuleWarmer Warmer { get; }

    /// <summary>Cancels upstream fetches still running (after in-flight responses had their chance to finish).</summary>
    public Task StopFetchesAsync() => _stopping.CancelAsync();

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
        _http.Dispose();
    }
}
