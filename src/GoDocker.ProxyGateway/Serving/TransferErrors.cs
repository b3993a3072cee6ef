namespace GoDocker.ProxyGateway.Serving;

/// <summary>
/// The one exception policy for bytes in flight: which failures mean the upstream broke off, and which mean the
/// client went away. Cancellation that the gateway itself asked for is never swallowed as someone else's failure.
/// </summary>
public static class TransferErrors
{
    /// <summary>
    /// Reading an upstream answer failed because of the upstream (connection lost, timeout, malformed HTTP) — not
    /// because <paramref name="stopping"/> (the gateway's or the caller's own token) was cancelled: that propagates.
    /// </summary>
    public static bool IsUpstreamBreak(Exception e, CancellationToken stopping) =>
        !stopping.IsCancellationRequested && e is IOException or HttpRequestException or OperationCanceledException;

    /// <summary>Answering a client failed because it went away: nothing is left to answer, nothing to log.</summary>
    public static bool IsClientGone(Exception e, CancellationToken requestAborted) =>
        requestAborted.IsCancellationRequested && e is OperationCanceledException or IOException;
}
