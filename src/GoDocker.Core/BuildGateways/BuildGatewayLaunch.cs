namespace GoDocker.Core.BuildGateways;

/// <summary>
/// How to run the module proxy gateway for one build (GoDockerStartProxy): its assembly, cache folder, optional
/// snapshot view and upstreams. Without upstreams it serves offline, from the cache or snapshot only.
/// </summary>
public sealed record BuildGatewayLaunch(string GatewayAssembly, string CacheDirectory)
{
    public string? Snapshot { get; init; }
    public string? Upstream { get; init; }
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
