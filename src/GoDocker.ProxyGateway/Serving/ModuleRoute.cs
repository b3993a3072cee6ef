using GoDocker.ProxyGateway.Upstreams;

namespace GoDocker.ProxyGateway.Serving;

/// <summary>Where one module's requests go: what to do and which upstream to ask.</summary>
/// <param name="Pattern">The pattern of the rule that decided, or null for the gateway's default route.</param>
public sealed record ModuleRoute(ModuleRouteAction Action, IUpstreamFetcher Upstream, string? Pattern);
