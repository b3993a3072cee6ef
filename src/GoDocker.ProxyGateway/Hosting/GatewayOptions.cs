using GoDocker.Core.Credentials;
using GoDocker.ProxyGateway.Cache;
using GoDocker.ProxyGateway.Coordination;
using GoDocker.ProxyGateway.Upstreams;
using Microsoft.Extensions.Logging;

namespace GoDocker.ProxyGateway.Hosting;

/// <summary>How to run one gateway. Only <see cref="CacheDirectory"/> is required.</summary>
public sealed record GatewayOptions
{
    /// <summary>Folder of the cache (created when missing). Snapshots live inside it.</summary>
    public required string CacheDirectory { get; init; }

    /// <summary>host:port to listen on; port 0 picks a free port (see <see cref="RunningGateway.Address"/>).</summary>
    public string Listen { get; init; } = "127.0.0.1:0";

    /// <summary>The upstream list in order, with go's ',' / '|' rule per entry (GoDocker.Core's GoProxyList converts a GOPROXY string).</summary>
    public IReadOnlyList<UpstreamEndpoint> Upstreams { get; init; } = [];

    /// <summary>Serve only from the cache: misses are 404 so the go command falls through or fails fast.</summary>
    public bool Offline { get; init; }

    /// <summary>A snapshot to serve as the default view for this process, overriding the cache's stored view.</summary>
    public string? SnapshotView { get; init; }

    /// <summary>How long list and @latest answers are served before asking upstream again.</summary>
    public TimeSpan ListTtl { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Bound on cached content; least recently used content not held by a snapshot is evicted beyond it.</summary>
    public long? MaxCacheBytes { get; init; }

    /// <summary>Per-module rules, first match wins; modules matching none use <see cref="Upstreams"/> and the cache.</summary>
    public IReadOnlyList<ModuleRule> ModuleRules { get; init; } = [];

    /// <summary>Checksum databases passed through at /sumdb/&lt;name&gt;/, by name (e.g. sum.golang.org → https://sum.golang.org).</summary>
    public IReadOnlyDictionary<string, Uri> ChecksumDatabases { get; init; } = new Dictionary<string, Uri>();

    /// <summary>
    /// Re-check every pinned file against upstream this often (GD3050 for each change); null (the default) never does.
    /// Needs upstreams: an offline gateway has nothing to compare with.
    /// </summary>
    public TimeSpan? RevalidateEvery { get; init; }

    public NetrcCredentials Credentials { get; init; } = NetrcCredentials.None;

    /// <summary>Computes h1 of zips and go.mod files before they become visible; recorded in pins and checked on import.</summary>
    public IModuleFileHasher Hasher { get; init; } = GoSumHasher.Instance;

    /// <summary>The largest .info, .mod and .zip accepted from upstreams (the go command's limits by default).</summary>
    public ModuleFileLimits FileLimits { get; init; } = ModuleFileLimits.GoCommand;

    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>Module requests served at once; one more is shed with 503 (/healthz and /metrics always answer).</summary>
    public int MaxConcurrentRequests { get; init; } = 512;

    /// <summary>Open connections (idle keep-alive ones included) Kestrel accepts; beyond it new ones are closed at once.</summary>
    public int MaxConnections { get; init; } = 2048;

    /// <summary>How long shutdown waits for in-flight responses.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Redis through which replicas sharing <see cref="CacheDirectory"/> coordinate (one fetch per file across all of
    /// them, pin records, events); null (the default) is one gateway alone, with its in-process single flight.
    /// </summary>
    public CoordinationAddress? Coordination { get; init; }

    /// <summary>Names this replica in logs, leases and /metrics.</summary>
    public string ReplicaId { get; init; } = LocalCoordination.DefaultReplicaId();

    /// <summary>How long a fetch lease lasts without renewal: after a replica dies mid-fetch, others take over after this.</summary>
    public TimeSpan FetchLease { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// When fetching a version's .info, fetch its .mod beside it and its .zip once the .info is stored
    /// (<see cref="Serving.VersionPrefetch"/>): the go command asks for them next. False fetches only what is asked for.
    /// </summary>
    public bool PrefetchVersions { get; init; } = true;

    /// <summary>
    /// A go.sum or go.mod whose module files are fetched in the background once the gateway listens
    /// (<see cref="ModuleWarmer"/>), so the go command finds them cached: the build's gateway gets the project's go.sum.
    /// Ignored when offline.
    /// </summary>
    public string? PrefetchFrom { get; init; }

    /// <summary>
    /// Answer plain keep-alive GETs of cached files with sendfile(2) before Kestrel's HTTP stack (<see cref="SendfileHitLane"/>);
    /// false leaves every request to Kestrel (tests compare the two).
    /// </summary>
    public bool SendfileHits { get; init; } = true;

    /// <summary>Replaces the HTTP handler used for upstreams and checksum databases (tests, custom TLS).</summary>
    public HttpMessageHandler? UpstreamHandler { get; init; }
}
