namespace GoDocker.Core.GoEnv;

/// <summary>
/// One endpoint to probe. <see cref="Uri"/> is the endpoint (proxy base, sumdb URL, or <c>https://host/</c> of an origin);
/// <see cref="Order"/> is its position in the go command's sequence for its role; <see cref="Fallback"/> is the
/// separator after a GOPROXY entry (null where it does not apply). <see cref="HttpProxy"/> is the HTTP proxy Go's
/// client would use for it, or null for a direct connection (<see cref="HttpProxyReason"/> says why);
/// <see cref="HttpProxyError"/> is set when Go would refuse the request (CGI rule).
/// <see cref="Modules"/> are the required modules that would reach it; <see cref="ProbeUris"/> are sample requests
/// (e.g. <c>@v/list</c> or <c>?go-get=1</c> for the first module).
/// </summary>
public sealed record VerificationTarget(
    Uri Uri,
    EndpointRole Role,
    int Order,
    GoProxyFallback? Fallback,
    Uri? HttpProxy,
    string HttpProxyReason,
    string? HttpProxyError,
    IReadOnlyList<string> Modules,
    IReadOnlyList<Uri> ProbeUris)
{
    public string Host => Uri.Host;

    public override string ToString() => $"{Role} {Uri}";
}
