using GoDocker.Core.GoEnv;

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
/// The rule's own upstream is <paramref name="Upstream"/>, or <paramref name="Endpoints"/> (the gateway builds the
/// fetcher), or else the gateway's upstream list.
/// </summary>
public sealed record ModuleRule(string Pattern, Func<string, bool> Matches, ModuleRouteAction Action, IUpstreamFetcher? Upstream = null, IReadOnlyList<UpstreamEndpoint>? Endpoints = null)
{
    /// <summary>Modules matching <paramref name="patterns"/> are fetched (and cached) from their own upstream list.</summary>
    public static ModuleRule ForPatterns(string patterns, IReadOnlyList<UpstreamEndpoint> endpoints) =>
        ForPatterns(patterns, ModuleRouteAction.Upstream) with { Endpoints = endpoints };

    /// <summary>A rule for a GOPRIVATE-style pattern list such as <c>git.corp.example/*,*.internal</c>.</summary>
    public static ModuleRule ForPatterns(string patterns, ModuleRouteAction action, IUpstreamFetcher? upstream = null)
    {
        var parsed = ModulePathPatterns.Parse(patterns, "--rule");
        if (!parsed.IsValid)
        {
            throw new GoDocker.Core.Diagnostics.DiagnosticException(parsed.ToDiagnostics()[0]);
        }

        return new ModuleRule(patterns, parsed.Value.Matches, action, upstream);
    }
}
