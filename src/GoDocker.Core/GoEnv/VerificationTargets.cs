namespace GoDocker.Core.GoEnv;

/// <summary>
/// Turns a Go environment and the required module paths into the endpoints a preflight check must probe:
/// each GOPROXY entry (with its ',' or '|' meaning), origins of modules fetched directly (GONOPROXY/GOPRIVATE, or
/// GOPROXY's <c>direct</c>), and the checksum database routes, each with the HTTP proxy Go's client would use.
/// </summary>
public static class VerificationTargets
{
    public static VerificationTargetSet For(GoEnvironment environment, IEnumerable<string> modulePaths)
    {
        var modules = modulePaths.Where(m => !string.IsNullOrWhiteSpace(m)).Distinct(StringComparer.Ordinal).ToArray();
        var plans = modules.Select(environment.PlanFetch).ToArray();
        var builder = new Dictionary<(EndpointRole Role, string Key), Entry>();
        var order = new List<(EndpointRole Role, string Key)>();

        void Add(EndpointRole role, string key, string uri, int position, GoProxyFallback? fallback, string? module, string? probe)
        {
            if (!builder.TryGetValue((role, key), out var entry))
            {
                entry = new Entry(uri, position, fallback);
                builder[(role, key)] = entry;
                order.Add((role, key));
            }
            if (module is not null && !entry.Modules.Contains(module))
            {
                entry.Modules.Add(module);
            }
            if (probe is not null && entry.Probes.Count < 3 && !entry.Probes.Contains(probe))
            {
                entry.Probes.Add(probe);
            }
        }

        if (modules.Length == 0)
        {
            // Without modules the whole configuration is checked: every proxy and the checksum database.
            var position = 0;
            foreach (var entry in environment.Proxy.Entries.Where(e => e.IsProxy))
            {
                Add(EndpointRole.ModuleProxy, entry.Url, entry.Url, position++, entry.Fallback, null, null);
            }
            AddChecksumDb(environment.PlanFetch("example.com/module").ChecksumDb, null, Add);
        }

        foreach (var plan in plans)
        {
            var proxyPosition = 0;
            foreach (var step in plan.Steps)
            {
                switch (step.Kind)
                {
                    case FetchStepKind.Proxy:
                        var entry = environment.Proxy.Entries.Where(e => e.IsProxy).ElementAt(proxyPosition);
                        Add(EndpointRole.ModuleProxy, entry.Url, entry.Url, proxyPosition, step.Fallback, plan.ModulePath, step.Url);
                        proxyPosition++;
                        break;
                    case FetchStepKind.Direct:
                        var role = plan.IsPrivate ? EndpointRole.PrivateVcsHost : EndpointRole.DirectVcsHost;
                        var scheme = "https";
                        Add(role, step.Host, $"{scheme}://{step.Host}/", proxyPosition, null, plan.ModulePath, step.RepositoryUrl ?? step.Url);
                        break;
                }
            }
            AddChecksumDb(plan.ChecksumDb, plan.ModulePath, Add);
        }

        // Go accepts a few URLs .NET cannot represent (a port above 65535); those cannot be probed and are left out.
        var targets = order
            .OrderBy(k => RoleRank(k.Role))
            .ThenBy(k => builder[k].Position)
            .Where(k => Uri.TryCreate(builder[k].Uri, UriKind.Absolute, out _))
            .Select(k =>
            {
                var e = builder[k];
                var uri = new Uri(e.Uri);
                var decision = uri.Scheme is "http" or "https"
                    ? environment.HttpProxy.ProxyFor(e.Uri)
                    : new HttpProxyDecision(null, null, $"a {uri.Scheme} URL needs no network");
                var probes = e.Probes.Select(p => Uri.TryCreate(p, UriKind.Absolute, out var probe) ? probe : null).OfType<Uri>().ToArray();
                return new VerificationTarget(uri, k.Role, e.Position, e.Fallback, decision.ProxyUri, decision.Reason, decision.Error,
                    e.Modules.ToArray(), probes);
            })
            .ToArray();
        var blocked = plans.Where(p => p.IsBlocked).Select(p => p.ModulePath).ToArray();
        return new VerificationTargetSet(targets, plans, blocked, environment.Diagnostics);
    }

    private static void AddChecksumDb(ChecksumDbPlan plan, string? module,
        Action<EndpointRole, string, string, int, GoProxyFallback?, string?, string?> add)
    {
        if (!plan.IsConsulted)
        {
            return;
        }
        var position = 0;
        foreach (var access in plan.Accesses)
        {
            var probe = module is null ? null : access.Kind == ChecksumDbAccessKind.ViaProxy ? access.SupportedUrl : access.BaseUrl.TrimEnd('/') + "/latest";
            if (access.Kind == ChecksumDbAccessKind.ViaProxy)
            {
                add(EndpointRole.ChecksumDatabaseViaProxy, access.SupportedUrl!, access.SupportedUrl!, position, access.Fallback, module, probe);
            }
            else
            {
                add(EndpointRole.ChecksumDatabase, access.BaseUrl, access.BaseUrl, position, null, module, probe);
            }
            position++;
        }
    }

    private static int RoleRank(EndpointRole role) => role switch
    {
        EndpointRole.ModuleProxy => 0,
        EndpointRole.DirectVcsHost => 1,
        EndpointRole.PrivateVcsHost => 2,
        EndpointRole.ChecksumDatabaseViaProxy => 3,
        _ => 4,
    };

    private sealed record Entry(string Uri, int Position, GoProxyFallback? Fallback)
    {
        public List<string> Modules { get; } = [];

        public List<string> Probes { get; } = [];
    }
}
