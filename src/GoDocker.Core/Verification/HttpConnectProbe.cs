using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Verification;

/// <summary>
/// Asks an HTTP proxy (HTTPS_PROXY) for a tunnel with <c>CONNECT host:port</c>, as Go's client does for https URLs,
/// and reports a refusal (403, 405, 407…) with the proxy's own words.
/// </summary>
public static class HttpConnectProbe
{
    public static Task<ProbeResult<Stream>> RunAsync(Stream toProxy, Uri proxy, string targetHostPort, string purpose, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var proxyName = proxy.GetLeftPart(UriPartial.Authority);
        return PhaseTimer.RunAsync<Stream>(
            ProbePhase.ProxyConnect,
            timeout,
            async ct =>
            {
                var answer = await Http1Exchange.SendAsync(toProxy, "CONNECT", targetHostPort, targetHostPort, ct).ConfigureAwait(false);
                if (!answer.IsSuccess)
                {
                    throw new ProxyRefusedException(answer);
                }
                return (toProxy, $"{proxyName} opened a tunnel to {targetHostPort} ({answer})");
            },
            (ex, stopwatch) =>
            {
                var reason = ex switch
                {
                    ProxyRefusedException refused when refused.Answer.StatusCode == 407 =>
                        $"it answered {refused.Answer} to CONNECT {targetHostPort}: it wants credentials (put them in a GoBuildSecret, not in the URL)",
                    ProxyRefusedException refused =>
                        $"it answered {refused.Answer} to CONNECT {targetHostPort}: it does not allow a tunnel to this host and port",
                    _ => $"CONNECT {targetHostPort} failed: {ex.Message}",
                };
                return PhaseTimer.Fail<Stream>(ProbePhase.ProxyConnect, stopwatch, reason,
                    DiagnosticCatalog.HttpProxyFailed.Create(proxyName, purpose, reason));
            },
            stopwatch => PhaseTimer.Fail<Stream>(ProbePhase.ProxyConnect, stopwatch, $"no answer to CONNECT {targetHostPort}",
                DiagnosticCatalog.ProbeTimedOut.Create($"The HTTP proxy {proxyName}", PhaseTimer.Seconds(timeout), $"CONNECT {targetHostPort} for {purpose}"),
                ProbeOutcome.TimedOut),
            cancellationToken);
    }

    private sealed class ProxyRefusedException(HttpAnswer answer) : Exception(answer.ToString())
    {
        public HttpAnswer Answer { get; } = answer;
    }
}
