using System.Net;
using System.Net.Sockets;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Verification;

/// <summary>
/// Opens a TCP connection to the first address that accepts, trying each in turn as Go's dialer does, and tells
/// refused (nothing listens), reset (a middlebox kills it) and timed out (packets dropped) apart.
/// </summary>
public static class TcpConnectProbe
{
    public static Task<ProbeResult<Socket>> RunAsync(IReadOnlyList<IPAddress> addresses, int port, string hostPort, string purpose, string setting, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        return PhaseTimer.RunAsync<Socket>(
            ProbePhase.Tcp,
            timeout,
            async ct =>
            {
                SocketException? last = null;
                var started = DateTime.UtcNow;
                for (var i = 0; i < addresses.Count; i++)
                {
                    var address = addresses[i];
                    // Like Go's dialer, give each remaining address a share of the time left, so one blackholed
                    // address (often IPv6) does not eat the whole phase before the others are tried.
                    var left = timeout - (DateTime.UtcNow - started);
                    var share = TimeSpan.FromTicks(Math.Max(left.Ticks / (addresses.Count - i), Math.Min(left.Ticks, TimeSpan.FromSeconds(2).Ticks)));
                    using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
                    attempt.CancelAfter(share);
                    var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                    try
                    {
                        await socket.ConnectAsync(new IPEndPoint(address, port), attempt.Token).ConfigureAwait(false);
                        var tried = failures.Count == 0 ? "" : $" after {string.Join("; ", failures)}";
                        return (socket, $"connected to {address}:{port}{tried}");
                    }
                    catch (OperationCanceledException) when (!ct.IsCancellationRequested && i < addresses.Count - 1)
                    {
                        socket.Dispose();
                        failures.Add($"{address}: no answer within {PhaseTimer.Seconds(share)}");
                        last = new SocketException((int)SocketError.TimedOut);
                    }
                    catch (SocketException ex)
                    {
                        socket.Dispose();
                        failures.Add($"{address}: {ex.SocketErrorCode}");
                        last = ex;
                    }
                    catch
                    {
                        socket.Dispose();
                        throw;
                    }
                }
                throw last ?? new SocketException((int)SocketError.AddressNotAvailable);
            },
            (ex, stopwatch) =>
            {
                var detail = string.Join("; ", failures);
                var code = (ex as SocketException)?.SocketErrorCode;
                // Prefer the most telling error when addresses disagree: a reset or timeout says more than a refusal on ::1.
                var diagnostic = code switch
                {
                    SocketError.ConnectionRefused when failures.All(f => f.EndsWith(nameof(SocketError.ConnectionRefused), StringComparison.Ordinal)) =>
                        DiagnosticCatalog.ConnectionRefused.Create(hostPort, purpose, setting),
                    SocketError.ConnectionReset or SocketError.ConnectionAborted =>
                        DiagnosticCatalog.ConnectionReset.Create(hostPort, purpose),
                    SocketError.TimedOut =>
                        DiagnosticCatalog.ConnectionTimedOut.Create(hostPort, purpose, PhaseTimer.Seconds(timeout)),
                    SocketError.ConnectionRefused =>
                        DiagnosticCatalog.ConnectionRefused.Create(hostPort, purpose, setting),
                    _ => DiagnosticCatalog.NetworkUnreachable.Create(hostPort, purpose, detail),
                };
                var outcome = code == SocketError.TimedOut ? ProbeOutcome.TimedOut : ProbeOutcome.Failed;
                return PhaseTimer.Fail<Socket>(ProbePhase.Tcp, stopwatch, detail, diagnostic, outcome);
            },
            stopwatch =>
            {
                var detail = $"no answer from {hostPort} within {PhaseTimer.Seconds(timeout)} (SYN dropped)" + (failures.Count == 0 ? "" : $" after {string.Join("; ", failures)}");
                return PhaseTimer.Fail<Socket>(ProbePhase.Tcp, stopwatch, detail,
                    DiagnosticCatalog.ConnectionTimedOut.Create(hostPort, purpose, PhaseTimer.Seconds(timeout)), ProbeOutcome.TimedOut);
            },
            cancellationToken);
    }
}
