using System.Diagnostics;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Verification;

/// <summary>
/// Runs the TLS handshake, keeps the certificates the server actually sent, and judges them with
/// <see cref="TlsChainAnalyzer"/> against what a Go build would trust.
/// </summary>
public static class TlsChainProbe
{
    public static async Task<ProbeResult<Stream>> RunAsync(Stream inner, string host, string purpose, CertificateTrust trust, TimeSpan timeout, CancellationToken cancellationToken)
    {
        X509Certificate2? leaf = null;
        var presented = new X509Certificate2Collection();
        var ssl = new SslStream(inner, leaveInnerStreamOpen: false, (_, certificate, chain, _) =>
        {
            // Accept everything here: the analysis below judges the chain with Go's trust, not .NET's.
            if (certificate is not null)
            {
                leaf = new X509Certificate2(certificate);
            }
            if (chain is not null)
            {
                // SslStream puts the certificates the server sent into the extra store.
                presented.AddRange(chain.ChainPolicy.ExtraStore);
            }
            return true;
        });

        var result = await PhaseTimer.RunAsync<Stream>(
            ProbePhase.Tls,
            timeout,
            async ct =>
            {
                var options = new SslClientAuthenticationOptions
                {
                    TargetHost = host,
                    EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                    CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                    ApplicationProtocols = [SslApplicationProtocol.Http11],
                };
                await ssl.AuthenticateAsClientAsync(options, ct).ConfigureAwait(false);
                return ((Stream)ssl, $"{ssl.SslProtocol} {ssl.NegotiatedCipherSuite}");
            },
            (ex, stopwatch) =>
            {
                var reason = ex is AuthenticationException && ex.InnerException is not null ? $"{ex.Message} {ex.InnerException.Message}" : ex.Message;
                return PhaseTimer.Fail<Stream>(ProbePhase.Tls, stopwatch, reason, DiagnosticCatalog.TlsHandshakeFailed.Create(host, reason.TrimEnd('.')));
            },
            stopwatch => PhaseTimer.Fail<Stream>(ProbePhase.Tls, stopwatch, $"no handshake within {PhaseTimer.Seconds(timeout)}",
                DiagnosticCatalog.TlsHandshakeTimeout.Create(host, purpose), ProbeOutcome.TimedOut),
            cancellationToken).ConfigureAwait(false);

        if (!result.Passed)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            return result;
        }
        if (leaf is null)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            const string reason = "the server sent no certificate";
            return new ProbeResult<Stream>(new PhaseResult(ProbePhase.Tls, ProbeOutcome.Failed, result.Phase.Duration, reason,
                DiagnosticCatalog.TlsHandshakeFailed.Create(host, reason)), null);
        }

        var analysisTime = Stopwatch.StartNew();
        var analysis = TlsChainAnalyzer.Analyze(host, leaf, presented, trust, DateTime.UtcNow);
        if (analysis.MissingIssuerUrl is { } aia)
        {
            // Go would stop here; fetching the issuer the chain names only makes the explanation exact.
            var fetched = await AiaIssuer.FetchAsync(aia, timeout, cancellationToken).ConfigureAwait(false);
            analysis = TlsChainAnalyzer.Analyze(host, leaf, presented, trust, DateTime.UtcNow, fetched);
        }
        var duration = result.Phase.Duration + analysisTime.Elapsed;
        var detail = $"{result.Phase.Detail}; presented {string.Join(" <- ", analysis.PresentedChain.Select(s => $"'{s}'"))}; {analysis.Summary}";
        if (analysis.Trusted)
        {
            return new ProbeResult<Stream>(new PhaseResult(ProbePhase.Tls, ProbeOutcome.Passed, duration, detail) { Diagnostics = analysis.Diagnostics, LeafIssuer = leaf.Issuer }, ssl);
        }
        await ssl.DisposeAsync().ConfigureAwait(false);
        var errors = analysis.Diagnostics;
        detail = $"{string.Join(", ", errors.Where(d => d.IsError).Select(d => $"{d.Code} {d.Descriptor.Title}"))}; {detail}";
        return new ProbeResult<Stream>(new PhaseResult(ProbePhase.Tls, ProbeOutcome.Failed, duration, detail, errors.First(d => d.IsError)) { Diagnostics = errors, LeafIssuer = leaf.Issuer }, null);
    }

    /// <summary>
    /// The issuer of the leaf <paramref name="url"/>'s host presents on a direct connection (no proxy), or null when
    /// it cannot be reached in time: what an HTTPS_PROXY's answer is compared with.
    /// </summary>
    public static async Task<string?> DirectLeafIssuerAsync(Uri url, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var client = new System.Net.Sockets.TcpClient();
            await client.ConnectAsync(url.IdnHost, url.Port, deadline.Token).ConfigureAwait(false);
            string? issuer = null;
            await using var ssl = new SslStream(client.GetStream(), leaveInnerStreamOpen: false, (_, certificate, _, _) =>
            {
                issuer = certificate?.Issuer;
                return true;
            });
            await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = url.IdnHost,
                EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            }, deadline.Token).ConfigureAwait(false);
            return issuer;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return null; // No direct path (the usual reason for a proxy): nothing to compare with.
        }
    }
}
