namespace GoDocker.ProxyGateway.Coordination;

/// <summary>
/// What replicas of one gateway (one shared cache folder) agree on: who fetches a missing file (a lease with expiry
/// and a fencing token), which pins they recorded, and events (content changes, snapshot switches). Without a shared
/// store (<see cref="LocalCoordination"/>) every lease is granted, since the in-process single flight already runs
/// one fetch per key.
/// </summary>
public interface IFetchCoordination : IAsyncDisposable
{
    /// <summary>Names this replica in logs and /metrics.</summary>
    string ReplicaId { get; }

    /// <summary>"local" or "redis".</summary>
    string Mode { get; }

    /// <summary>Whether leases are shared with other replicas right now (false while Redis is lost).</summary>
    bool IsShared { get; }

    /// <summary>A lease to fetch <paramref name="key"/>, renewed until released; null while another replica holds it.</summary>
    Task<FetchLease?> TryAcquireAsync(string key, CancellationToken cancellationToken);

    /// <summary>The fencing check before a commit: false when the lease expired and another replica took it over.</summary>
    Task<bool> StillHoldsAsync(FetchLease lease, CancellationToken cancellationToken);

    Task ReleaseAsync(FetchLease lease);

    /// <summary>Records the first pin of a key for every replica; returns the SHA-256 pinned in force.</summary>
    Task<string> RecordPinAsync(string key, string sha256, CancellationToken cancellationToken);

    Task PublishAsync(CoordinationEvent coordinationEvent, CancellationToken cancellationToken);

    /// <summary>Events published by other replicas.</summary>
    event Action<CoordinationEvent>? EventReceived;
}
