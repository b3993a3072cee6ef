using System.Net;
using GoDocker.ProxyGateway.Cache;
using GoDocker.ProxyGateway.Coordination;
using GoDocker.ProxyGateway.ChecksumDatabase;
using GoDocker.ProxyGateway.Serving;
using GoDocker.ProxyGateway.Snapshots;
using GoDocker.ProxyGateway.Upstreams;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GoDocker.ProxyGateway.Hosting;

/// <summary>
/// Everything a gateway is made of except the HTTP server: used by <see cref="ProxyGatewayHost.StartAsync"/> and
/// on its own by commands that work on a cache without serving (warm, revalidate).
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
    /// <param name="coordination">How replicas share fetches; null: this process alone.</param>
    internal GatewayComponents(GatewayOptions options, bool sweepTemp, IFetchCoordination? coordination = null)
    {
        Coordination = coordination ?? new LocalCoordination(options.ReplicaId);
        var loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        Logger = loggerFactory.CreateLogger("GoDocker.ProxyGateway");
        var opened = ProxyGatewayHost.OpenCache(options, loggerFactory, sweepTemp);
        (Cache, Blobs, Snapshots) = (opened.Cache, opened.Blobs, opened.Snapshots);
        _http = new HttpClient(options.UpstreamHandler ?? new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All }, disposeHandler: options.UpstreamHandler is null)
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        Upstream = new HttpUpstreamChain(_http, options.Upstreams, options.Credentials, Logger);
        var rules = options.ModuleRules
            .Select(r => r.Upstream is null && r.Endpoints is { Count: > 0 } e ? r with { Upstream = new HttpUpstreamChain(_http, e, options.Credentials, Logger) } : r)
            .ToArray();
        Options = options with { ModuleRules = rules };
        Metrics = new GatewayMetrics();
        var coordinated = Coordination;
        Metrics.ReplicaInfo = (coordinated.ReplicaId, coordinated.Mode, () => coordinated.IsShared, () => (coordinated as RedisCoordination)?.LostCount ?? 0);
        if (Coordination is not LocalCoordination)
        {
            Cache.SharedFolder = true;
            Coordination.EventReceived += OnCoordinationEvent;
        }

        var router = new ModuleRouter(rules, Upstream);
        var changes = new ContentChangeReporter(Metrics, Logger);
        var fetcher = new ModuleFetcher(Cache, opened.Lists, Cache.Layout, new ModuleFileVerifier(options.Hasher), options.FileLimits, changes, Coordination, Metrics, Logger, _stopping.Token);
        var lists = new ListFreshness(opened.Lists, Cache, fetcher, Options, Metrics, Logger);
        var prefetch = new VersionPrefetch(Cache, fetcher, Metrics, Logger, options.PrefetchVersions);
        Files = new ModuleFileService(Cache, Blobs, Snapshots, router, fetcher, prefetch, lists, Options, Metrics);
        Revalidator = new CacheRevalidator(Cache, Blobs, router, fetcher, changes, Metrics, Logger);
        ChecksumDatabases = new ChecksumDatabaseProxy(_http, options.ChecksumDatabases, new ChecksumDatabaseCache(Cache.Layout), router, options.ListTtl,
            options.Upstreams.FirstOrDefault()?.EffectiveTimeout ?? UpstreamEndpoint.DefaultTimeout, Metrics, Logger);
        Warmer = new ModuleWarmer(Files);
    }

    public GatewayOptions Options { get; }
    public IFetchCoordination Coordination { get; }
    public ILogger Logger { get; }
    public DiskModuleCache Cache { get; }
    public IContentStore Blobs { get; }
    public SnapshotStore Snapshots { get; }
    public HttpUpstreamChain Upstream { get; }
    public GatewayMetrics Metrics { get; }
    public ModuleFileService Files { get; }
    public CacheRevalidator Revalidator { get; }
    public ChecksumDatabaseProxy ChecksumDatabases { get; }
    public ModuleWarmer Warmer { get; }

    /// <summary>Cancelled when the gateway stops its fetches: for work of its own, such as the start-up prefetch.</summary>
    internal CancellationToken Stopping => _stopping.Token;

    /// <summary>Cancels upstream fetches still running (after in-flight responses had their chance to finish).</summary>
    public Task StopFetchesAsync() => _stopping.CancelAsync();

    private void OnCoordinationEvent(CoordinationEvent received)
    {
        switch (received.Kind)
        {
            case CoordinationEventKind.SnapshotSwitched:
                // The view file is checked on every request; this makes a replica re-read it even where the shared
                // file system caches file times (NFS attribute caching).
                Snapshots.ForgetView();
                Logger.LogInformation("Replica {Replica}: default view switched to {View} (announced by {From})", Coordination.ReplicaId, received.Subject.Length == 0 ? "the live cache" : received.Subject, received.Replica);
                break;
            case CoordinationEventKind.ContentChanged:
                Metrics.PeerContentChange();
                Logger.LogWarning("Replica {From} saw an upstream change the pinned content of {Key} (GD3050 in its log)", received.Replica, received.Subject);
                break;
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
        _http.Dispose();
    }
}
