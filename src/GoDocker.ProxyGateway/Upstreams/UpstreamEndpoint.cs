namespace GoDocker.ProxyGateway.Upstreams;

/// <summary>
/// One GOPROXY-style upstream. <paramref name="FallBackOnAnyError"/> is true when '|' follows it in the list (go
/// tries the next entry after any error); after ',' only "not found" (404/410) falls through.
/// </summary>
public sealed record UpstreamEndpoint(Uri BaseUrl, bool FallBackOnAnyError = false, TimeSpan? Timeout = null)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public TimeSpan EffectiveTimeout => Timeout ?? DefaultTimeout;

    /// <summary>
    /// The URL for logs and messages: user information is never shown. Computed once: a UriBuilder per fetch was 5 %
    /// of the CPU of a .info miss (build/bench/README.md, cold path).
    /// </summary>
    public string Display { get; } = new UriBuilder(BaseUrl) { UserName = "", Password = "" }.Uri.ToString().TrimEnd('/');

    public Uri Resolve(string relativeUrl) => new(Display + "/" + relativeUrl);
}
