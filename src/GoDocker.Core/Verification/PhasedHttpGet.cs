using GoDocker.Core.Credentials;
using System.Net.Sockets;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Verification;

/// <summary>
/// One GET the way Go's HTTP client makes it, phase by phase on a single connection:
/// DNS → TCP → [CONNECT through HTTPS_PROXY] → TLS → HTTP, each with its own timeout. Stops at the first failing phase.
/// </summary>
public static class PhasedHttpGet
{
    /// <param name="setting">Where the URL comes from (GoProxy, GoSumDb…), named in fixes.</param>
    /// <param name="authorization">A header to send instead of netrc's (a registry login); never logged.</param>
    public static async Task<PhasedAnswer> GetAsync(Uri url, Uri? httpProxy, string purpose, string setting, CertificateTrust trust, TimeSpan timeout, CancellationToken cancellationToken, NetrcCredentials? credentials = null,
        System.Net.Http.Headers.AuthenticationHeaderValue? authorization = null)
    {
        var phases = new List<PhaseResult>();
        var https = url.Scheme == Uri.UriSchemeHttps;
        var dialed = httpProxy ?? url;
        var dialedSetting = httpProxy is null ? setting : https ? "HTTPS_PROXY" : "HTTP_PROXY";
        var dialedPurpose = httpProxy is null ? purpose : $"the HTTP proxy of {purpose}";
        var dialedHostPort = $"{dialed.IdnHost}:{dialed.Port}";

        var dns = await DnsProbe.RunAsync(dialed.IdnHost, dialedPurpose, dialedSetting, timeout, cancellationToken).ConfigureAwait(false);
        phases.Add(dns.Phase);
        if (!dns.Passed)
        {
            return new PhasedAnswer(phases, null);
        }

        var tcp = await TcpConnectProbe.RunAsync(dns.Value!, dialed.Port, dialedHostPort, dialedPurpose, dialedSetting, timeout, cancellationToken).ConfigureAwait(false);
        phases.Add(tcp.Phase);
        if (!tcp.Passed)
        {
            return new PhasedAnswer(phases, null);
        }

        Stream stream = new NetworkStream(tcp.Value!, ownsSocket: true);
        try
        {
            if (httpProxy is not null && httpProxy.Scheme == Uri.UriSchemeHttps)
            {
                // An https:// proxy URL: Go speaks TLS to the proxy first, then tunnels (or forwards) inside it.
                var proxyTls = await TlsChainProbe.RunAsync(stream, httpProxy.IdnHost, dialedPurpose, trust, timeout, cancellationToken).ConfigureAwait(false);
                phases.Add(proxyTls.Phase);
                if (!proxyTls.Passed)
                {
                    return new PhasedAnswer(phases, null);
                }
                stream = proxyTls.Value!;
            }

            if (httpProxy is not null && https)
            {
                var tunnel = await HttpConnectProbe.RunAsync(stream, httpProxy, $"{url.IdnHost}:{url.Port}", purpose, timeout, cancellationToken).ConfigureAwait(false);
                phases.Add(tunnel.Phase);
                if (!tunnel.Passed)
                {
                    return new PhasedAnswer(phases, null);
                }
            }

            if (https)
            {
                var tls = await TlsChainProbe.RunAsync(stream, url.IdnHost, purpose, trust, timeout, cancellationToken).ConfigureAwait(false);
                phases.Add(httpProxy is null ? tls.Phase : await ComparedWithDirectAsync(tls.Phase, url, httpProxy, timeout, cancellationToken).ConfigureAwait(false));
                if (!tls.Passed)
                {
                    return new PhasedAnswer(phases, null);
                }
                stream = tls.Value!;
            }

            // A plain-http URL through a proxy is sent in absolute form, as Go's transport does.
            var target = httpProxy is not null && !https ? url.AbsoluteUri : url.PathAndQuery;
            var hostHeader = url.IsDefaultPort ? url.IdnHost : $"{url.IdnHost}:{url.Port}";
            var http = await PhaseTimer.RunAsync<HttpAnswer>(
                ProbePhase.Http,
                timeout,
                async ct =>
                {
                    // The credentials the go command would send (netrc, https only); never logged.
                    var answer = await Http1Exchange.SendAsync(stream, "GET", target, hostHeader, ct, authorization ?? credentials?.GoCommandHeaderFor(url)).ConfigureAwait(false);
                    return (answer, $"GET {url.PathAndQuery}: {answer}");
                },
                (ex, stopwatch) => PhaseTimer.Fail<HttpAnswer>(ProbePhase.Http, stopwatch, ex.Message,
                    DiagnosticCatalog.ConnectionReset.Create($"{url.IdnHost}:{url.Port}", $"{purpose} (GET {url.PathAndQuery}: {ex.Message})")),
                stopwatch => PhaseTimer.Fail<HttpAnswer>(ProbePhase.Http, stopwatch, $"no answer to GET {url.PathAndQuery}",
                    DiagnosticCatalog.ProbeTimedOut.Create(url.GetLeftPart(UriPartial.Authority), PhaseTimer.Seconds(timeout), $"GET {url.PathAndQuery} for {purpose}"),
                    ProbeOutcome.TimedOut),
                cancellationToken).ConfigureAwait(false);
            phases.Add(http.Phase);
            return new PhasedAnswer(phases, http.Value);
        }
        finally
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A chain seen through HTTPS_PROXY that Go would not trust is interception (GD4023) when the host itself,
    /// asked directly, presents a certificate from another issuer: the proxy re-signed it.
    /// </summary>
    private static async Task<PhaseResult> ComparedWithDirectAsync(PhaseResult tls, Uri url, Uri httpProxy, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (tls.Passed || tls.LeafIssuer is not { } seen || tls.Diagnostic is not { Descriptor.Subject: DiagnosticSubject.Trust } untrusted
            || untrusted.Descriptor == DiagnosticCatalog.TlsInterceptedByProxy)
        {
            return tls;
        }
        var direct = await TlsChainProbe.DirectLeafIssuerAsync(url, timeout, cancellationToken).ConfigureAwait(false);
        if (direct is null || direct == seen)
        {
            return tls;
        }
        var intercepted = DiagnosticCatalog.TlsInterceptedByProxy.Create(url.IdnHost, seen,
            $"through HTTPS_PROXY {httpProxy.GetLeftPart(UriPartial.Authority)}, while asked directly it presents one issued by '{direct}'");
        return tls with
        {
            Diagnostic = intercepted,
            Diagnostics = [intercepted, .. tls.Diagnostics.Where(d => d != untrusted)],
            Detail = $"{intercepted.Code} {intercepted.Descriptor.Title} (asked directly: issued by '{direct}'); {tls.Detail}",
        };
    }
}
