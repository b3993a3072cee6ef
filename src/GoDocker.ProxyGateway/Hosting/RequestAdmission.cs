namespace GoDocker.ProxyGateway.Hosting;

/// <summary>
/// Bounds the module requests in progress. One over the bound is shed at once (503 with Retry-After, which the go
/// command reports, or skips after '|') instead of queueing until memory, threads or file handles run out.
/// </summary>
public sealed class RequestAdmission(int maxInProgress)
{
    private int _inProgress;

    public int MaxInProgress { get; } = maxInProgress;

    /// <summary>True when admitted: the caller must call <see cref="Leave"/> once done.</summary>
    public bool TryEnter()
    {
        if (Interlocked.Increment(ref _inProgress) <= MaxInProgress)
        {
            return true;
        }

        Interlocked.Decrement(ref _inProgress);
        return false;
    }

    public void Leave() => Interlocked.Decrement(ref _inProgress);
}
