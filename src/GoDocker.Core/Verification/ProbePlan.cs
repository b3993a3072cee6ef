using GoDocker.Core.Diagnostics;
using GoDocker.Core.GoEnv;

namespace GoDocker.Core.Verification;

/// <summary>
/// The probes for one required module version, taken from the Go environment model's fetch plan (GOPROXY steps in
/// order, the origin for direct/GOPRIVATE modules, the checksum database routes) with the HTTP proxy Go's client
/// would use for each request. <see cref="Blockers"/> are settings errors that stop the go command before any request.
/// </summary>
public sealed record ProbePlan(IReadOnlyList<ProbeTarget> Targets, IReadOnlyList<Diagnostic> Blockers)
{
    /// <param name="requirement">The go.mod line that requires the module, where diagnostics about the module point.</param>
    public static ProbePlan For(GoEnv.GoEnvironment environment, string modulePath, string version, SourceLocation? requirement = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var plan = environment.PlanFetch(modulePath);
        var blockers = environment.Diagnostics.Where(d => d.IsError).ToList();
        if (plan.IsBlocked && blockers.Count == 0)
        {
            blockers.Add(DiagnosticCatalog.GoProxyOff.Create(modulePath));
        }

        var proxies = environment.Proxy.Entries.Where(e => e.IsProxy).ToArray();
        var targets = new List<ProbeTarget>();
        var proxyIndex = 0;
        foreach (var step in plan.Steps)
        {
            switch (step.Kind)
            {
                case FetchStepKind.Proxy:
                    var entry = proxies[proxyIndex++];
                    if (Url(entry.Url.TrimEnd('/') + "/") is not { } proxyUrl)
                    {
                        blockers.Add(Unreachable(environment, entry.Url));
                        break;
                    }
                    targets.Add(new ProbeTarget($"proxy {proxyIndex}", proxyUrl, ProbeRole.GoProxy, step.Fallback,
                        HttpProxyFor(environment, step.Url), modulePath, version) { Setting = Line(environment, "GOPROXY"), Requirement = requirement });
                    break;
                case FetchStepKind.Direct:
                    if (Url(step.Url) is not { } origin)
                    {
                        blockers.Add(Unreachable(environment, step.Url));
                        break;
                    }
                    targets.Add(new ProbeTarget(plan.IsPrivate ? "direct (GOPRIVATE)" : "direct", origin, ProbeRole.Direct, step.Fallback,
                        HttpProxyFor(environment, step.Url), modulePath, version)
                    {
                        // A private module is direct because of GONOPROXY (or GOPRIVATE); otherwise GOPROXY said "direct".
                        Setting = plan.IsPrivate ? Line(environment, "GONOPROXY") ?? Line(environment, "GOPROXY") : Line(environment, "GOPROXY"),
                        Requirement = requirement,
                    });
                    break;
                case FetchStepKind.Off:
                    targets.Add(new ProbeTarget("off", new Uri("about:off"), ProbeRole.Off, step.Fallback, null, modulePath, version)
                    {
                        Setting = Line(environment, "GOPROXY"),
                        Requirement = requirement,
                    });
                    break;
            }
        }

        var sumdb = plan.ChecksumDb;
        // The database is asked only about a module that was downloaded: with GOPROXY=off nothing is.
        var downloads = !plan.IsBlocked && targets.Any(t => t.Role is ProbeRole.GoProxy or ProbeRole.Direct);
        if (downloads && sumdb.IsConsulted && sumdb.Error is null && sumdb.Accesses.Count > 0)
        {
            var routes = new List<ChecksumDbRoute>();
            var viaProxy = 0;
            foreach (var access in sumdb.Accesses)
            {
                var label = access.Kind == ChecksumDbAccessKind.ViaProxy ? $"proxy {++viaProxy}" : access.BaseUrl;
                var supported = access.SupportedUrl is null ? null : Url(access.SupportedUrl);
                if (Url(access.BaseUrl.TrimEnd('/') + "/") is not { } baseUrl || (access.SupportedUrl is not null && supported is null))
                {
                    continue; // the proxy's own target already reported its URL
                }
                routes.Add(new ChecksumDbRoute(label, baseUrl, supported, access.Fallback, HttpProxyFor(environment, access.SupportedUrl ?? access.BaseUrl)));
            }
            var direct = routes.Count > 0 ? routes[^1] : null;
            if (direct is null)
            {
                return new ProbePlan(targets, blockers);
            }
            targets.Add(new ProbeTarget($"checksum database {sumdb.Name}", direct.BaseUrl, ProbeRole.ChecksumDb, GoProxyFallback.OnNotFound,
                direct.HttpProxy, modulePath, version)
            {
                ChecksumDbName = sumdb.Name,
                ChecksumDbRoutes = routes,
                Setting = Line(environment, "GOSUMDB"),
                Requirement = requirement,
            });
        }
        else if (sumdb.Error is not null)
        {
            blockers.Add(DiagnosticCatalog.InvalidGoSumDb.Create("GOSUMDB", environment["GOSUMDB"].Value, sumdb.Error));
        }
        return new ProbePlan(targets, blockers);
    }

    /// <summary>An absolute URL, or null for text the go command accepts as a GOPROXY entry but no HTTP client can ask (https://:).</summary>
    private static Uri? Url(string text) => Uri.TryCreate(text, UriKind.Absolute, out var url) ? url : null;

    private static Diagnostic Unreachable(GoEnv.GoEnvironment environment, string url) =>
        DiagnosticCatalog.InvalidGoProxy.Create(Line(environment, "GOPROXY"), "GOPROXY", url, "it is not a URL an HTTP client can ask (no host)");

    /// <summary>The line that sets a variable; a value with no line of its own (a default, the process environment) has none.</summary>
    private static SourceLocation? Line(GoEnv.GoEnvironment environment, string variable) =>
        environment.Values.TryGetValue(variable, out var value) && value.Location is { Line: > 0 } location ? location : null;

    private static Uri? HttpProxyFor(GoEnv.GoEnvironment environment, string requestUrl) =>
        environment.HttpProxy.ProxyFor(requestUrl).ProxyUri;
}
