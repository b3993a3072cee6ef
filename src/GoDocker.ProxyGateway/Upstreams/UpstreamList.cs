using GoDocker.Core.Diagnostics;
using GoDocker.Core.GoEnv;

namespace GoDocker.ProxyGateway.Upstreams;

/// <summary>Builds the gateway's upstream endpoints from a GOPROXY-style list parsed by GoDocker.Core.</summary>
public static class UpstreamList
{
    /// <summary>
    /// Converts <paramref name="value"/> (e.g. <c>https://a,https://b|https://c</c>). 'off' ends the list, as for go;
    /// 'direct' cannot be served by a proxy (it needs version control tools), so it is refused with GD1001.
    /// </summary>
    public static IReadOnlyList<UpstreamEndpoint> Parse(string value, TimeSpan? timeout = null)
    {
        var parsed = GoProxyList.Parse(value, "--upstream");
        if (!parsed.IsValid)
        {
            throw new DiagnosticException(parsed.ToDiagnostics()[0]);
        }

        var endpoints = new List<UpstreamEndpoint>();
        foreach (var entry in parsed.Value.Entries)
        {
            switch (entry.Kind)
            {
                case GoProxyEntryKind.Off:
                    return endpoints;
                case GoProxyEntryKind.Direct:
                    throw new DiagnosticException(DiagnosticCatalog.InvalidGoProxy.Create("--upstream", value,
                        "the gateway fetches only from module proxies; 'direct' needs the go command's version control access, so let clients put 'direct' after the gateway in their GOPROXY"));
                default:
                    endpoints.Add(new UpstreamEndpoint(new Uri(entry.Url), entry.Fallback == GoProxyFallback.OnAnyError, timeout));
                    break;
            }
        }

        return endpoints;
    }
}
