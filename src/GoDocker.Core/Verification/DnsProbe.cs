using System.Net;
using System.Net.Sockets;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Verification;

/// <summary>
/// Resolves a host to every address it has, and says whether the name does not exist (NXDOMAIN), the server failed
/// (SERVFAIL / temporary failure), the name has no addresses, or no answer came in time.
/// </summary>
public static class DnsProbe
{
    /// <param name="purpose">What the host is for, e.g. "GOPROXY entry 1".</param>
    /// <param name="setting">Where the user wrote the host, e.g. "GoProxy" or "HTTPS_PROXY".</param>
    public static Task<ProbeResult<IPAddress[]>> RunAsync(string host, string purpose, string setting, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal))
        {
            var passed = new PhaseResult(ProbePhase.Dns, ProbeOutcome.Passed, TimeSpan.Zero, $"{literal} is an address literal");
            return Task.FromResult(new ProbeResult<IPAddress[]>(passed, [literal]));
        }

        return PhaseTimer.RunAsync<IPAddress[]>(
            ProbePhase.Dns,
            timeout,
            async ct =>
            {
                var addresses = await Dns.GetHostAddressesAsync(host, ct).ConfigureAwait(false);
                if (addresses.Length == 0)
                {
                    throw new SocketException((int)SocketError.NoData);
                }
                return (addresses, $"{host} has {string.Join(", ", addresses.Select(a => a.ToString()))}");
            },
            (ex, stopwatch) =>
            {
                var reason = Describe(ex);
                return PhaseTimer.Fail<IPAddress[]>(ProbePhase.Dns, stopwatch, reason,
                    DiagnosticCatalog.DnsLookupFailed.Create(host, purpose, reason, setting));
            },
            stopwatch =>
            {
                var reason = $"no answer within {PhaseTimer.Seconds(timeout)} (the DNS server is unreachable or slow)";
                return PhaseTimer.Fail<IPAddress[]>(ProbePhase.Dns, stopwatch, reason,
                    DiagnosticCatalog.DnsLookupFailed.Create(host, purpose, reason, setting), ProbeOutcome.TimedOut);
            },
            cancellationToken);
    }

    internal static string Describe(Exception ex) => ex switch
    {
        SocketException { SocketErrorCode: SocketError.HostNotFound } => "no such host (NXDOMAIN: the name does not exist)",
        SocketException { SocketErrorCode: SocketError.TryAgain } => "temporary failure in name resolution (SERVFAIL or no answer from the DNS server)",
        SocketException { SocketErrorCode: SocketError.NoData } => "the name exists but has no IPv4 or IPv6 address",
        SocketException socket => $"{socket.SocketErrorCode}: {socket.Message}",
        _ => ex.Message,
    };
}
