namespace GoDocker.Core.BuildGateways;

/// <summary>
/// How to run the module proxy gateway for one build (GoDockerStartProxy): its assembly, cache folder, optional
/// snapshot view and upstreams. Without upstreams it serves offline, from the cache or snapshot only.
/// </summary>
public sealed record BuildGatewayLaunch(string GatewayAssembly, string CacheDirectory)
{
    public string? Snapshot { get; init; }
    public string? Upstream { get; init; }

    /// <summary>The project's go.sum, for the gateway to fetch what it names in the background (--prefetch-from).</summary>
    public string? PrefetchFrom { get; init; }

    /// <summary>
    /// The project's GONOPROXY patterns (GOPRIVATE by default): the go command fetches those modules itself, never
    /// through this gateway, so the gateway refuses them rather than name them to its upstreams (a go.sum lists them too).
    /// </summary>
    public string? Private { get; init; }
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
