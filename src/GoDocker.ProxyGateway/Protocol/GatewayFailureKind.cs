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
}
