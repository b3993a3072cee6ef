namespace GoDocker.ProxyGateway.Coordination;

/// <summary>One gateway process alone: every lease is granted (the in-process single flight runs one fetch per key).</summary>
public sealed class LocalCoordination(string replicaId) : IFetchCoordination
{
    public string ReplicaId => replicaId;
    public string Mode => "local";
    public bool IsShared => false;

    public event Action<CoordinationEvent>? EventReceived
    {
        add { }
        remove { }
    }

    public Task<FetchLease?> TryAcquireAsync(string key, CancellationToken cancellationToken) => Task.FromResult<FetchLease?>(new FetchLease(key, 0, Shared: false));
    public Task<bool> StillHoldsAsync(FetchLease lease, CancellationToken cancellationToken) => Task.FromResult(true);
    public Task ReleaseAsync(FetchLease lease) => Task.CompletedTask;
    public Task<string> RecordPinAsync(string key, string sha256, CancellationToken cancellationToken) => Task.FromResult(sha256);
    public Task PublishAsync(CoordinationEvent coordinationEvent, CancellationToken cancellationToken) => Task.CompletedTask;
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>The default replica id: host name and process id.</summary>
    public static string DefaultReplicaId() => $"{Environment.MachineName}-{Environment.ProcessId}";
}
