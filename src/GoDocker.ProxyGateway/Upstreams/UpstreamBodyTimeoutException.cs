namespace GoDocker.ProxyGateway.Upstreams;

/// <summary>
/// An upstream sent its headers, then stopped sending the body for the rest of its timeout. An I/O failure (the
/// upstream broke off, in effect), but answered as a timeout (504), not as a broken connection.
/// </summary>
public sealed class UpstreamBodyTimeoutException(string message, Exception inner) : IOException(message, inner);
