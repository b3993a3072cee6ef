namespace GoDocker.Core.GoEnv;

/// <summary>
/// What Go's HTTP client does for one request URL: go through <see cref="ProxyUrl"/>, connect directly (null),
/// or fail with <see cref="Error"/> (the CGI rule).
/// </summary>
public sealed record HttpProxyDecision(string? ProxyUrl, string? Error, string Reason)
{
    public bool UsesProxy => ProxyUrl is not null;

    public Uri? ProxyUri => ProxyUrl is not null && Uri.TryCreate(ProxyUrl, UriKind.Absolute, out var uri) ? uri : null;
}
