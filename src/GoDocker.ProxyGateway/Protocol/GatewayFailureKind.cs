namespace GoDocker.ProxyGateway.Protocol;

/// <summary>Why a request cannot be answered; <see cref="GatewayFailure.StatusCode"/> maps each to HTTP.</summary>
public enum GatewayFailureKind
{
    BadRequest,
    UriTooLong,
    NotFound,
    Gone,
    Forbidden,
    UpstreamFailed,
    UpstreamTimedOut,
    ContentChanged,
    Unavailable,
    /// <summary>The gateway's own disk refused a write (full, over quota, read-only): not the upstream's fault.</summary>
    CacheUnwritable,
}
