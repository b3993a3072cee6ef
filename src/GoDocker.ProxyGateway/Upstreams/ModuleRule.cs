namespace GoDocker.ProxyGateway.Upstreams;

public enum ModuleRouteAction
{
    /// <summary>Fetch through the gateway's upstreams (or the rule's own) and cache.</summary>
    Upstream,
    /// <summary>Forward to the upstream without caching or pinning, like go's 'direct' for private code.</summary>
    Passthrough,
    /// <summary>Refuse with 403, so the go command stops instead of leaking the module path elsewhere.</summary>
    Deny,
}

/// <summary>
/// A per-module rule. <paramref name="Matches"/> is a GOPRIVATE-style prefix pattern test on the module path
/// (GoDocker.Core's ModulePathPatterns builds it from a pattern list); the first matching rule applies.
/// </summary>
public sealed record ModuleRule(string Pattern, Func<string, bool> Matches, ModuleRouteAction Action, IUpstreamFetcher? Upstream = null);
