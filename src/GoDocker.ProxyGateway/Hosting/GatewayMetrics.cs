using System.Globalization;
using System.Text;
using GoDocker.ProxyGateway.Protocol;

namespace GoDocker.ProxyGateway.Hosting;

/// <summary>Counters exposed at /metrics in the Prometheus text format.</summary>
public sealed class GatewayMetrics
{
    private readonly long[] _requests = new long[Enum.GetValues<ModuleFileKind>().Length];
    private readonly long[] _hits = new long[Enum.GetValues<ModuleFileKind>().Length];
    private readonly long[] _misses = new long[Enum.GetValues<ModuleFileKind>().Length];
    private long _upstreamFetches;
    private long _upstreamFailures;
    private long _bytesServed;
    private long _sentWithSendfile;
    private long _bytesFetched;
    private long _singleFlightJoins;
    private long _prefetches;
    private long _contentChanges;
    private long _staleServed;
    private long _failures;
    private long _shed;
    private long _diskFailures;
    private long _revalidations;
    private long _lastRevalidationUnixSeconds;
    private long _leasesAcquired;
    private long _leaseWaits;
    private long _peerFetchesJoined;
    private long _fencedOff;
    private long _peerContentChanges;
    private long _sumdbRequests;
    private long _sumdbHits;
    private long _sumdbUpstreamFetches;
    private long _sumdbPrivateRefused;

    public long UpstreamFetches => Interlocked.Read(ref _upstreamFetches);
    public long SingleFlightJoins => Interlocked.Read(ref _singleFlightJoins);
    public long Prefetches => Interlocked.Read(ref _prefetches);
    public long ContentChanges => Interlocked.Read(ref _contentChanges);
    public long Hits => _hits.Sum();
    public long SendfileResponses => Interlocked.Read(ref _sentWithSendfile);
    public long Misses => _misses.Sum();
    public long Revalidations => Interlocked.Read(ref _revalidations);

    /// <summary>When the last revalidation finished, or null before the first.</summary>
    public DateTimeOffset? LastRevalidation =>
        Interlocked.Read(ref _lastRevalidationUnixSeconds) is > 0 and var s ? DateTimeOffset.FromUnixTimeSeconds(s) : null;

    public void Request(ModuleFileKind kind) => Interlocked.Increment(ref _requests[(int)kind]);
    public void Hit(ModuleFileKind kind) => Interlocked.Increment(ref _hits[(int)kind]);
    public void Miss(ModuleFileKind kind) => Interlocked.Increment(ref _misses[(int)kind]);
    public void UpstreamFetch() => Interlocked.Increment(ref _upstreamFetches);
    public void UpstreamFailure() => Interlocked.Increment(ref _upstreamFailures);
    public void BytesServed(long n) => Interlocked.Add(ref _bytesServed, n);
    public void SentWithSendfile() => Interlocked.Increment(ref _sentWithSendfile);
    public void BytesFetched(long n) => Interlocked.Add(ref _bytesFetched, n);
    public void SingleFlightJoin() => Interlocked.Increment(ref _singleFlightJoins);
    public void Prefetch() => Interlocked.Increment(ref _prefetches);
    public void ContentChanged() => Interlocked.Increment(ref _contentChanges);
    public void StaleServed() => Interlocked.Increment(ref _staleServed);
    public void Failure() => Interlocked.Increment(ref _failures);
    public void Shed() => Interlocked.Increment(ref _shed);
    public void DiskFailure() => Interlocked.Increment(ref _diskFailures);
    public void LeaseAcquired() => Interlocked.Increment(ref _leasesAcquired);
    public void LeaseWait() => Interlocked.Increment(ref _leaseWaits);
    public void PeerFetchJoined() => Interlocked.Increment(ref _peerFetchesJoined);
    public void FencedOff() => Interlocked.Increment(ref _fencedOff);
    public void PeerContentChange() => Interlocked.Increment(ref _peerContentChanges);
    public long LeaseWaits => Interlocked.Read(ref _leaseWaits);
    public long PeerFetchesJoined => Interlocked.Read(ref _peerFetchesJoined);

    /// <summary>Which replica these counters are (labels of godocker_proxy_replica_info).</summary>
    public (string Replica, string Coordination, Func<bool> Shared, Func<long> Lost) ReplicaInfo { get; set; } =
        ("", "local", () => false, () => 0);

    public void SumdbRequest() => Interlocked.Increment(ref _sumdbRequests);
    public void SumdbHit() => Interlocked.Increment(ref _sumdbHits);
    public void SumdbUpstreamFetch() => Interlocked.Increment(ref _sumdbUpstreamFetches);
    public void SumdbPrivateRefused() => Interlocked.Increment(ref _sumdbPrivateRefused);
    public long SumdbHits => Interlocked.Read(ref _sumdbHits);
    public long SumdbUpstreamFetches => Interlocked.Read(ref _sumdbUpstreamFetches);

    public void RevalidationCompleted(DateTimeOffset at)
    {
        Interlocked.Exchange(ref _lastRevalidationUnixSeconds, at.ToUnixTimeSeconds());
        Interlocked.Increment(ref _revalidations);
    }

    private static string LabelValue(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    public string Render(long cacheBytes)
    {
        var text = new StringBuilder();
        void Counter(string name, string help, IEnumerable<(string? Labels, long Value)> values)
        {
            text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
            text.Append("# TYPE ").Append(name).Append(" counter\n");
            foreach (var (labels, value) in values)
            {
                text.Append(name).Append(labels is null ? "" : "{" + labels + "}").Append(' ').Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }
        }

        IEnumerable<(string?, long)> ByKind(long[] counts) =>
            Enum.GetValues<ModuleFileKind>().Select(k => ((string?)$"kind=\"{k.ToString().ToLowerInvariant()}\"", Interlocked.Read(ref counts[(int)k])));

        var replica = ReplicaInfo;
        text.Append("# HELP godocker_proxy_replica_info The replica these counters belong to and how it coordinates (shared=0 while Redis is lost).\n");
        text.Append("# TYPE godocker_proxy_replica_info gauge\n");
        text.Append("godocker_proxy_replica_info{replica=\"").Append(LabelValue(replica.Replica)).Append("\",coordination=\"").Append(replica.Coordination)
            .Append("\",shared=\"").Append(replica.Shared() ? "1" : "0").Append("\"} 1\n");
        Counter("godocker_proxy_fetch_leases_total", "Fetch leases this replica won (it fetched for every replica).", [(null, Interlocked.Read(ref _leasesAcquired))]);
        Counter("godocker_proxy_fetch_lease_waits_total", "Fetches that waited for another replica's lease.", [(null, LeaseWaits)]);
        Counter("godocker_proxy_peer_fetches_joined_total", "Files another replica fetched while this one waited.", [(null, PeerFetchesJoined)]);
        Counter("godocker_proxy_fenced_off_total", "Fetches not committed because the lease expired and another replica took over.", [(null, Interlocked.Read(ref _fencedOff))]);
        Counter("godocker_proxy_peer_content_changes_total", "Content changes (GD3050) other replicas reported.", [(null, Interlocked.Read(ref _peerContentChanges))]);
        Counter("godocker_proxy_coordination_lost_total", "Times the coordination store was lost while running.", [(null, replica.Lost())]);
        Counter("godocker_proxy_requests_total", "Module file requests by kind.", ByKind(_requests));
        Counter("godocker_proxy_cache_hits_total", "Requests answered from the cache.", ByKind(_hits));
        Counter("godocker_proxy_cache_misses_total", "Requests the cache could not answer.", ByKind(_misses));
        Counter("godocker_proxy_upstream_fetches_total", "Fetches sent to upstreams.", [(null, UpstreamFetches)]);
        Counter("godocker_proxy_upstream_failures_total", "Upstream fetches that failed.", [(null, Interlocked.Read(ref _upstreamFailures))]);
        Counter("godocker_proxy_served_bytes_total", "Bytes of module files sent to clients.", [(null, Interlocked.Read(ref _bytesServed))]);
        Counter("godocker_proxy_sendfile_responses_total", "Cache hits answered with sendfile before Kestrel's HTTP stack (plain keep-alive GET and HEAD).", [(null, SendfileResponses)]);
        Counter("godocker_proxy_fetched_bytes_total", "Bytes received from upstreams.", [(null, Interlocked.Read(ref _bytesFetched))]);
        Counter("godocker_proxy_singleflight_joins_total", "Requests that waited for a fetch already running.", [(null, SingleFlightJoins)]);
        Counter("godocker_proxy_prefetches_total", "Fetches of a version's .mod and .zip started because its .info was fetched.", [(null, Prefetches)]);
        Counter("godocker_proxy_content_changes_total", "Upstream answers with different bytes for a pinned version (security events).", [(null, ContentChanges)]);
        Counter("godocker_proxy_stale_served_total", "Lists served past their TTL because upstreams failed.", [(null, Interlocked.Read(ref _staleServed))]);
        Counter("godocker_proxy_failures_total", "Requests answered with an error status.", [(null, Interlocked.Read(ref _failures))]);
        Counter("godocker_proxy_shed_total", "Requests refused with 503 because the gateway was at its bound of requests in progress.", [(null, Interlocked.Read(ref _shed))]);
        Counter("godocker_proxy_disk_failures_total", "Writes to the cache folder the disk refused (full, quota, read-only).", [(null, Interlocked.Read(ref _diskFailures))]);
        Counter("godocker_proxy_revalidations_total", "Completed re-checks of every pinned file against upstream.", [(null, Revalidations)]);
        Counter("godocker_proxy_sumdb_requests_total", "Checksum database requests (lookup, tile, latest).", [(null, Interlocked.Read(ref _sumdbRequests))]);
        Counter("godocker_proxy_sumdb_cache_hits_total", "Checksum database requests answered from the cache.", [(null, SumdbHits)]);
        Counter("godocker_proxy_sumdb_upstream_fetches_total", "Requests sent to checksum databases.", [(null, SumdbUpstreamFetches)]);
        Counter("godocker_proxy_sumdb_private_refused_total", "Lookups of --private modules refused instead of sent to a checksum database.", [(null, Interlocked.Read(ref _sumdbPrivateRefused))]);
        text.Append("# HELP godocker_proxy_last_revalidation_timestamp_seconds When the last re-check finished (Unix time; 0 before the first).\n");
        text.Append("# TYPE godocker_proxy_last_revalidation_timestamp_seconds gauge\n");
        text.Append("godocker_proxy_last_revalidation_timestamp_seconds ").Append(Interlocked.Read(ref _lastRevalidationUnixSeconds).ToString(CultureInfo.InvariantCulture)).Append('\n');
        text.Append("# HELP godocker_proxy_cache_bytes Size of the content in the cache.\n# TYPE godocker_proxy_cache_bytes gauge\n");
        text.Append("godocker_proxy_cache_bytes ").Append(cacheBytes.ToString(CultureInfo.InvariantCulture)).Append('\n');
        return text.ToString();
    }
}
