namespace GoDocker.ProxyGateway.Upstreams;

public enum UpstreamAnswerStatus
{
    Ok,
    NotFound,
    Failed,
}

/// <summary>
/// What the upstream list answered for one file. An Ok answer owns its body stream (and the timeout that still
/// governs reading it) until disposed.
/// </summary>
public sealed class UpstreamAnswer : IDisposable
{
    private readonly IDisposable? _owned;

    private UpstreamAnswer(UpstreamAnswerStatus status, Stream? body, string message, string? source, bool timedOut, IDisposable? owned, IUpstreamFetcher? fallback = null)
    {
        Fallback = fallback;
        Status = status;
        Body = body;
        Message = message;
        Source = source;
        TimedOut = timedOut;
        _owned = owned;
    }

    public UpstreamAnswerStatus Status { get; }
    public Stream? Body { get; }
    public string Message { get; }
    /// <summary>Display URL (no credentials) of the upstream that answered.</summary>
    public string? Source { get; }
    public bool TimedOut { get; }

    /// <summary>
    /// The rest of the upstream list when '|' followed the upstream that answered: the go command asks it after any
    /// error, so a body that breaks off or stops is asked from there. Null after ',' or at the end of the list.
    /// </summary>
    public IUpstreamFetcher? Fallback { get; }

    public static UpstreamAnswer Ok(Stream body, string source, IDisposable? owned = null, IUpstreamFetcher? fallback = null) =>
        new(UpstreamAnswerStatus.Ok, body, "", source, false, owned, fallback);
    public static UpstreamAnswer NotFound(string message, string? source) => new(UpstreamAnswerStatus.NotFound, null, message, source, false, null);
    public static UpstreamAnswer Failed(string message, string? source, bool timedOut = false) => new(UpstreamAnswerStatus.Failed, null, message, source, timedOut, null);

    public void Dispose()
    {
        Body?.Dispose();
        _owned?.Dispose();
    }
}
