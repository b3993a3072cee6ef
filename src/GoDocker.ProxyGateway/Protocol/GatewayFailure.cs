namespace GoDocker.ProxyGateway.Protocol;

/// <summary>
/// A failure answered to a client. The HTTP status of every failure is decided here and only here; 404 and 410
/// make the go command fall through to the next GOPROXY entry, everything else stops it.
/// </summary>
public sealed record GatewayFailure(GatewayFailureKind Kind, string Message)
{
    public int StatusCode => Kind switch
    {
        GatewayFailureKind.BadRequest => 400,
        GatewayFailureKind.Forbidden => 403,
        GatewayFailureKind.NotFound => 404,
        GatewayFailureKind.Gone => 410,
        GatewayFailureKind.UriTooLong => 414,
        GatewayFailureKind.ContentChanged => 502,
        GatewayFailureKind.UpstreamFailed => 502,
        GatewayFailureKind.Unavailable => 503,
        GatewayFailureKind.UpstreamTimedOut => 504,
        GatewayFailureKind.CacheUnwritable => 507,
        _ => 500,
    };

    /// <summary>The go command prints the body of a failed answer, so it says what went wrong.</summary>
    public string Body => Kind switch
    {
        GatewayFailureKind.NotFound or GatewayFailureKind.Gone => $"not found: {Message}",
        GatewayFailureKind.BadRequest or GatewayFailureKind.UriTooLong => $"bad request: {Message}",
        _ => Message,
    };

    public static GatewayFailure BadRequest(string message) => new(GatewayFailureKind.BadRequest, message);
    public static GatewayFailure UriTooLong(string message) => new(GatewayFailureKind.UriTooLong, message);
    public static GatewayFailure NotFound(string message) => new(GatewayFailureKind.NotFound, message);
    public static GatewayFailure Forbidden(string message) => new(GatewayFailureKind.Forbidden, message);

    /// <summary>GD3050 for a pinned file whose content is gone and whose upstream now serves other bytes.</summary>
    public static GatewayFailure ContentChanged(GoDocker.Core.Diagnostics.Diagnostic diagnostic) =>
        new(GatewayFailureKind.ContentChanged, $"{diagnostic.Code}: {diagnostic.Message}");
}

/// <summary>Carries a <see cref="GatewayFailure"/> out of deep code to the one place that answers it.</summary>
public sealed class GatewayFailureException(GatewayFailure failure) : Exception(failure.Message)
{
    public GatewayFailure Failure { get; } = failure;
}
