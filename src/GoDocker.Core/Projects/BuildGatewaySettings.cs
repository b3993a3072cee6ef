namespace GoDocker.Core.Projects;

/// <summary>
/// GoDockerStartProxy and its settings: the module proxy gateway a project runs for its own verify and download,
/// listening where its first GOPROXY entry points.
/// </summary>
/// <param name="Listen">The loopback host:port of the first GOPROXY entry.</param>
/// <param name="CacheDirectory">The gateway's cache and snapshots (GoDockerProxyCache).</param>
/// <param name="Snapshot">The snapshot to serve read-only, or null for the live cache (GoDockerProxySnapshot).</param>
/// <param name="Upstream">The upstream GOPROXY list, or null to serve offline (GoDockerProxyUpstream).</param>
public sealed record BuildGatewaySettings(string Listen, string CacheDirectory, string? Snapshot, string? Upstream);
