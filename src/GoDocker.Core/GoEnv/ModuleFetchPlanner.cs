using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.GoEnv;

/// <summary>
/// Derives a <see cref="ModuleFetchPlan"/> from the rules of cmd/go's modfetch: proxyList/TryProxies (with the
/// implicit "noproxy" entry when GONOPROXY is set), lookup (GONOPROXY matches go to the origin and never to a proxy),
/// useSumDB (GOSUMDB=off or a GONOSUMDB match skips the database) and dbClient.initBase (proxies first via
/// /sumdb/&lt;name&gt;/supported, then the database itself).
/// </summary>
internal static class ModuleFetchPlanner
{
    public const string ProxyOffError = "module lookup disabled by GOPROXY=off";

    // Hosts cmd/go maps to repositories statically, without ?go-get=1 discovery.
    private static readonly string[] StaticVcsHosts = ["github.com", "bitbucket.org"];

    public static ModuleFetchPlan Plan(GoEnvironment env, string modulePath)
    {
        // The reader parsed every variable once; its errors say what the go command would refuse.
        if (env.Errors.TryGetValue("GOPROXY", out var proxyErrors))
        {
            return new ModuleFetchPlan(modulePath, Array.Empty<FetchStep>(),
                ChecksumDbPlan.NotConsulted("nothing is downloaded: GOPROXY is invalid"))
            {
                BlockedBy = proxyErrors[0].Message,
                BlockedDiagnostic = proxyErrors[0].ToDiagnostic(env["GOPROXY"].Location),
            };
        }

        var steps = new List<FetchStep>();
        var noProxyPattern = env.NoProxy.FirstMatch(modulePath);
        string? blockedBy = null;
        if (noProxyPattern is not null)
        {
            var source = env["GONOPROXY"].Source == GoEnvSource.GoPrivate ? "GOPRIVATE" : "GONOPROXY";
            steps.Add(DirectStep(env, modulePath, $"matches {source} pattern '{noProxyPattern}', so it is fetched from its origin, never through a proxy"));
        }
        else
        {
            foreach (var entry in env.Proxy.Entries)
            {
                switch (entry.Kind)
                {
                    case GoProxyEntryKind.Proxy:
                        var host = GoUrl.TryParse(entry.Url, out var url, out _) ? url.Hostname : string.Empty;
                        steps.Add(new FetchStep(FetchStepKind.Proxy, entry.ModuleUrl(modulePath) + "/@v/list", host, entry.Fallback, false,
                            $"GOPROXY entry {steps.Count + 1}"));
                        break;
                    case GoProxyEntryKind.Direct:
                        steps.Add(DirectStep(env, modulePath, "GOPROXY entry 'direct'"));
                        break;
                    case GoProxyEntryKind.Off:
                        steps.Add(new FetchStep(FetchStepKind.Off, "off", string.Empty, GoProxyFallback.OnNotFound, false, ProxyOffError));
                        break;
                }
            }
            if (steps.Count > 0 && steps[0].Kind == FetchStepKind.Off)
            {
                blockedBy = ProxyOffError;
            }
        }

        return new ModuleFetchPlan(modulePath, steps, PlanChecksumDb(env, modulePath))
        {
            BlockedBy = blockedBy,
            BlockedDiagnostic = blockedBy is null ? null : DiagnosticCatalog.GoProxyOff.Create(env["GOPROXY"].Location, modulePath),
            IsPrivate = noProxyPattern is not null,
        };
    }

    private static FetchStep DirectStep(GoEnvironment env, string modulePath, string why)
    {
        var slash = modulePath.IndexOf('/');
        var host = slash < 0 ? modulePath : modulePath[..slash];
        var insecure = env.Insecure.Matches(modulePath);
        string? repository = null;
        if (StaticVcsHosts.Contains(host))
        {
            var parts = modulePath.Split('/');
            if (parts.Length >= 3)
            {
                repository = $"https://{parts[0]}/{parts[1]}/{parts[2]}";
            }
        }
        var reason = insecure ? why + "; GOINSECURE allows plain http" : why;
        return new FetchStep(FetchStepKind.Direct, $"https://{modulePath}?go-get=1", host, GoProxyFallback.OnNotFound, insecure, reason)
        {
            RepositoryUrl = repository,
        };
    }

    private static ChecksumDbPlan PlanChecksumDb(GoEnvironment env, string modulePath)
    {
        // Downloaded toolchains cannot be listed in go.sum, so cmd/go always checks them against the database,
        // except when GOPROXY is a single file:// proxy (testing a distribution).
        var goproxy = env["GOPROXY"].Value;
        var mustCheck = modulePath == GoToolchainSetting.ToolchainModulePath
            && !(goproxy.StartsWith("file://", StringComparison.Ordinal) && goproxy.IndexOfAny([',', '|']) < 0);
        if (env.SumDb.IsOff)
        {
            return mustCheck
                ? new ChecksumDbPlan(true, null, Array.Empty<ChecksumDbAccess>(), "toolchain downloads are always verified", "checksum database disabled by GOSUMDB=off")
                : ChecksumDbPlan.NotConsulted("GOSUMDB=off");
        }
        if (!mustCheck && env.NoSumDb.FirstMatch(modulePath) is { } pattern)
        {
            var source = env["GONOSUMDB"].Source == GoEnvSource.GoPrivate ? "GOPRIVATE" : "GONOSUMDB";
            return ChecksumDbPlan.NotConsulted($"matches {source} pattern '{pattern}'");
        }
        if (env.Errors.TryGetValue("GOSUMDB", out var sumdbErrors))
        {
            return new ChecksumDbPlan(true, null, Array.Empty<ChecksumDbAccess>(), "GOSUMDB is invalid", sumdbErrors[0].Message);
        }
        var sumdb = env.SumDb;
        var name = sumdb.Name!;
        if (sumdb.ExplicitUrl is { } explicitUrl)
        {
            return new ChecksumDbPlan(true, name, [new ChecksumDbAccess(ChecksumDbAccessKind.Explicit, explicitUrl, null, GoProxyFallback.OnNotFound)],
                $"GOSUMDB names the URL {explicitUrl}, which is used without proxies");
        }

        var accesses = new List<ChecksumDbAccess>();
        foreach (var entry in env.Proxy.Entries)
        {
            if (!entry.IsProxy)
            {
                // "direct" and "off" both send the client to the database itself.
                break;
            }
            var baseUrl = entry.Url.TrimEnd('/') + "/sumdb/" + name;
            accesses.Add(new ChecksumDbAccess(ChecksumDbAccessKind.ViaProxy, baseUrl, baseUrl + "/supported", entry.Fallback));
        }
        accesses.Add(new ChecksumDbAccess(ChecksumDbAccessKind.Direct, sumdb.DirectUrl!, null, GoProxyFallback.OnNotFound));
        var why = accesses.Count > 1
            ? $"{name} through the first proxy that answers /sumdb/{name}/supported, else directly"
            : $"{name} directly";
        return new ChecksumDbPlan(true, name, accesses, why);
    }
}
