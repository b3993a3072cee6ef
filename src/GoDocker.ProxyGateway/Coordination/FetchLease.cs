namespace GoDocker.ProxyGateway.Coordination;

/// <summary>
/// The right to fetch and commit one key. <paramref name="Token"/> grows with every lease ever granted for the key
/// (fencing): a replica whose lease expired finds another token in force and does not commit. A lease taken while
/// the shared store is unreachable is not <paramref name="Shared"/>: it only covers this process.
/// </summary>
public sealed record FetchLease(string Key, long Token, bool Shared)
{
    /// <summary>Stops the renewal of a shared lease when it is released.</summary>
    internal CancellationTokenSource Renewal { get; } = new();
}
