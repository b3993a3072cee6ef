using System.Net;
using System.Net.Sockets;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Verification;

/// <summary>
/// Sends an HTTPS endpoint a classic-sized ClientHello and then a Go-sized one with the post-quantum key share, each
/// on its own connection, and reports GD4021 when the classic one gets its ServerHello but the Go-sized one gets
/// nothing: a middlebox that drops ClientHellos spanning two TCP segments, which Go 1.23+ stalls on
/// (golang/go#70047) while curl and .NET connect.
/// </summary>
public static class ClientHelloSizeProbe
{
    /// <summary>What came back to one ClientHello.</summary>
    public enum Answer
    {
        ServerHello,
        OtherRecord,
        Closed,
        NoAnswer,
        Unreachable,
    }

    /// <returns>GD4021, or null when both hellos are answered alike (or the endpoint cannot be reached at all).</returns>
    public static async Task<Diagnostic?> RunAsync(Uri url, string purpose, PostQuantumKeyShare share, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(share);
        IPAddress[] addresses;
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            addresses = IPAddress.TryParse(url.IdnHost, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(url.IdnHost, deadline.Token).WaitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null; // The endpoint probe reports the DNS failure.
        }
        if (addresses.Length == 0)
        {
            return null;
        }
        var endpoint = new IPEndPoint(addresses[0], url.Port);
        var classicHello = GoClientHello.Create(url.IdnHost, null);
        var classic = await SendAsync(endpoint, classicHello, timeout, cancellationToken).ConfigureAwait(false);
        if (classic != Answer.ServerHello)
        {
            return null; // Nothing to compare with: the endpoint probe says what is wrong with every handshake.
        }
        var goHello = GoClientHello.Create(url.IdnHost, share);
        var goSized = await SendAsync(endpoint, goHello, timeout, cancellationToken).ConfigureAwait(false);
        if (goSized is not (Answer.NoAnswer or Answer.Closed))
        {
            return null;
        }
        var what = goSized == Answer.NoAnswer ? $"no answer within {PhaseTimer.Seconds(timeout)}" : "its connection closed without an answer";
        var evidence = $"gets a ServerHello for a classic {classicHello.Length}-byte ClientHello but {what} for a Go-sized one ({goHello.Length} bytes)";
        return DiagnosticCatalog.PostQuantumHandshakeStalls.Create(url.IdnHost, purpose, evidence, share.GoRelease, share.GroupName, share.Fix, share.OtherFix);
    }

    /// <summary>Sends one ClientHello on a fresh connection and reads what the first record back is.</summary>
    public static async Task<Answer> SendAsync(IPEndPoint endpoint, byte[] hello, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return Answer.Unreachable;
        }
        try
        {
            await socket.SendAsync(hello, SocketFlags.None, deadline.Token).ConfigureAwait(false);
            // Record header (type, version, length) and the first handshake message's type.
            var head = new byte[6];
            var read = 0;
            while (read < head.Length)
            {
                var n = await socket.ReceiveAsync(head.AsMemory(read), SocketFlags.None, deadline.Token).ConfigureAwait(false);
                if (n == 0)
                {
                    return read == 0 ? Answer.Closed : Answer.OtherRecord;
                }
                read += n;
            }
            return head[0] == 0x16 && head[5] == 2 ? Answer.ServerHello : Answer.OtherRecord;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Answer.NoAnswer;
        }
        catch (SocketException)
        {
            return Answer.Closed; // Reset: dropped the same way as a close without an answer.
        }
    }
}
