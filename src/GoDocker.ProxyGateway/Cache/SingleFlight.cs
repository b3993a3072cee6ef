using System.Collections.Concurrent;

namespace GoDocker.ProxyGateway.Cache;

/// <summary>
/// Runs one operation per key at a time: callers arriving while it runs join it and get its result.
/// The operation runs on its own token, so a first caller that disconnects does not fail the others.
/// </summary>
public sealed class SingleFlight<TResult>
{
    private readonly ConcurrentDictionary<string, Lazy<Task<TResult>>> _inFlight = new(StringComparer.Ordinal);

    /// <summary>Returns the result and whether this caller joined an operation already running.</summary>
    public async Task<(TResult Result, bool Joined)> RunAsync(string key, Func<Task<TResult>> operation, CancellationToken waitCancellation)
    {
        var mine = new Lazy<Task<TResult>>(() => RunAndForget(key, operation), LazyThreadSafetyMode.ExecutionAndPublication);
        var current = _inFlight.GetOrAdd(key, mine);
        var joined = !ReferenceEquals(current, mine);
        var result = await current.Value.WaitAsync(waitCancellation);
        return (result, joined);
    }

    public int InFlightCount => _inFlight.Count;

    private async Task<TResult> RunAndForget(string key, Func<Task<TResult>> operation)
    {
        try
        {
            await Task.Yield();
            return await operation();
        }
        finally
        {
            _inFlight.TryRemove(key, out _);
        }
    }
}
