using System.Collections.Concurrent;

namespace GoDocker.ProxyGateway.Coordination;

/// <summary>
/// Wakes fetches waiting for another replica's lease as soon as that replica announces its commit, instead of at the
/// next poll. Only a shortcut: waiters still poll, since a replica that dies announces nothing.
/// </summary>
public sealed class CommitSignals
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiting = new(StringComparer.Ordinal);

    public static CommitSignals Listen(IFetchCoordination coordination)
    {
        var signals = new CommitSignals();
        coordination.EventReceived += e =>
        {
            if (e.Kind == CoordinationEventKind.Committed && signals._waiting.TryRemove(e.Subject, out var waiter))
            {
                waiter.TrySetResult();
            }
        };
        return signals;
    }

    /// <summary>Returns when <paramref name="key"/> is announced committed, or after <paramref name="poll"/>.</summary>
    public async Task WaitAsync(string key, TimeSpan poll, CancellationToken cancellationToken)
    {
        var waiter = _waiting.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        try
        {
            await Task.WhenAny(waiter.Task, Task.Delay(poll, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
        }
        finally
        {
            // One fetch per key waits in a process (single flight); nothing is left behind for keys never announced.
            _waiting.TryRemove(new KeyValuePair<string, TaskCompletionSource>(key, waiter));
        }
    }
}
