using GoDocker.ProxyGateway.Protocol;
using GoDocker.ProxyGateway.Upstreams;

namespace GoDocker.ProxyGateway.Serving;

/// <summary>
/// Applies the per-module rules (first match wins) for every request, snapshot view and revalidation alike: the
/// deny check is made here and nowhere else, so denying a module never depends on the path a request takes.
/// </summary>
public sealed class ModuleRouter(IReadOnlyList<ModuleRule> rules, IUpstreamFetcher defaultUpstream)
{
    public ModuleRoute Route(string modulePath)
    {
        // A loop, not LINQ: this runs on every request, and a lambda capturing the path allocates each time.
        ModuleRule? rule = null;
        for (var i = 0; i < rules.Count; i++)
        {
            if (rules[i].Matches(modulePath))
            {
                rule = rules[i];
                break;
            }
        }

        return new ModuleRoute(rule?.Action ?? ModuleRouteAction.Upstream, rule?.Upstream ?? defaultUpstream, rule?.Pattern);
    }

    /// <summary>The route of an allowed module; a denied one is a 403 failure.</summary>
    public ModuleRoute RouteAllowed(string modulePath)
    {
        var route = Route(modulePath);
        return route.Action == ModuleRouteAction.Deny
            ? throw new GatewayFailureException(GatewayFailure.Forbidden($"module {modulePath} is denied by gateway rule '{route.Pattern}'"))
            : route;
    }
}
