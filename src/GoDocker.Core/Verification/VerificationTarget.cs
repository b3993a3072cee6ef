namespace GoDocker.Core.Verification;

/// <summary>
/// One endpoint to verify, as the Go environment model lists them: where, why, what comes after it, through which
/// HTTP proxy (HTTPS_PROXY as Go's client applies it, after NO_PROXY), and which module to ask for.
/// </summary>
public sealed record VerificationTarget(
    string Label,
    Uri Url,
    EndpointRole Role,
    ProxyFallback Fallback,
    Uri? HttpProxy,
    string ModulePath,
    string ModuleVersion)
{
    /// <summary>For <see cref="EndpointRole.ChecksumDb"/>: the database name (sum.golang.org).</summary>
    public string? ChecksumDbName { get; init; }

    /// <summary>For <see cref="EndpointRole.ChecksumDb"/>: the GOPROXY entries to ask for <c>/sumdb/&lt;name&gt;/supported</c> first.</summary>
    public IReadOnlyList<VerificationTarget> SumDbProxies { get; init; } = [];

    public override string ToString() => $"{Label} ({Url})";
}
