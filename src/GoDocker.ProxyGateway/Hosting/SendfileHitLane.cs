using System.Globalization;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Text.Unicode;
using GoDocker.ProxyGateway.Cache;
using GoDocker.ProxyGateway.Protocol;
using GoDocker.ProxyGateway.Serving;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;

namespace GoDocker.ProxyGateway.Hosting;

/// <summary>
/// Kestrel connection middleware that answers cache hits with sendfile(2), before Kestrel's HTTP/1.1 stack: a plain
/// keep-alive GET or HEAD (<see cref="Http1RequestHead"/>) for a committed file the selected view holds
/// (<see cref="ModuleFileService.TryGetHit"/>: the same path, rule, snapshot and pin checks as every request) is
/// answered on the socket directly, head and file in one send, the bytes never copied through the process. The
/// first request that is anything else, and everything after it on that connection, goes to Kestrel untouched.
/// Kestrel copies every byte twice (pread into its buffers, then into the socket) and parses in managed code per
/// request; this is where a hit spent most of its time (build/bench/README.md, gateway vs nginx).
/// </summary>
public sealed class SendfileHitLane(ModuleFileService files, RequestAdmission admission, GatewayMetrics metrics, TimeSpan keepAliveTimeout)
{
    private const double MinimumBytesPerSecond = 240;
    private const int HeadCapacity = 512;

    /// <summary>Runs the lane on one connection; <paramref name="next"/> is Kestrel's HTTP handling.</summary>
    public async Task RunAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        if (connection.Features.Get<IConnectionSocketFeature>()?.Socket is { } socket && !await ServeHitsAsync(connection, socket))
        {
            return;
        }

        await next(connection);
    }

    /// <summary>True to hand the connection to Kestrel (the unread request is still in the input); false to close it.</summary>
    private async Task<bool> ServeHitsAsync(ConnectionContext connection, Socket socket)
    {
        var input = connection.Transport.Input;
        var stopping = connection.Features.Get<IConnectionLifetimeNotificationFeature>()?.ConnectionClosedRequested ?? CancellationToken.None;
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        using var sender = new SocketFileSender();

        // Kestrel's minimum response data rate (240 bytes/s after a 5 s grace) as one deadline per send: a client
        // that stops reading has its connection aborted, which ends the send.
        using var stalled = new CancellationTokenSource();
        await using var abortOnStall = stalled.Token.Register(connection.Abort);
        var headBuffer = new byte[HeadCapacity];
        long idleArmedAt = 0;
        while (true)
        {
            // Kestrel's keep-alive timeout, and a server that stops closes idle connections at once, as Kestrel does.
            // Re-armed at most once a second (Kestrel checks its timeouts on a 1 s heartbeat too): a timer change per
            // request showed in the profile.
            if (Environment.TickCount64 - idleArmedAt >= 1000)
            {
                idle.CancelAfter(keepAliveTimeout);
                idleArmedAt = Environment.TickCount64;
            }

            ReadResult read;
            try
            {
                read = await input.ReadAsync(idle.Token);
            }
            catch (OperationCanceledException)
            {
                return false;
            }

            var buffer = read.Buffer;
            if (buffer.IsEmpty && read.IsCompleted)
            {
                return false;
            }

            if (Http1RequestHead.TryParse(buffer) is not { } head || !admission.TryEnter())
            {
                input.AdvanceTo(buffer.Start);
                return true;
            }

            try
            {
                var served = TryGetHit(head.Path);
                if (served is null)
                {
                    input.AdvanceTo(buffer.Start);
                    return true;
                }

                await using (served)
                {
                    var blob = served.Blob!;
                    input.AdvanceTo(buffer.GetPosition(head.Length));
                    var responseHead = WriteHead(headBuffer, blob, served.Kind.ContentType());

                    // Counted when the lane takes the request, as the hit is: counted after the send, a client could
                    // read the counter before the server thread had raised it.
                    metrics.SentWithSendfile();
                    SocketError sent;
                    try
                    {
                        var sending = sender.SendAsync(socket, responseHead, head.IsHead ? null : blob.File, blob.Length);
                        if (sending.IsCompleted)
                        {
                            sent = sending.Result;
                        }
                        else
                        {
                            var bytes = responseHead.Count + (head.IsHead ? 0 : blob.Length);
                            stalled.CancelAfter(TimeSpan.FromSeconds(5) + TimeSpan.FromSeconds(bytes / MinimumBytesPerSecond));
                            sent = await sending;
                            stalled.CancelAfter(Timeout.InfiniteTimeSpan);
                        }
                    }
                    catch (ObjectDisposedException)
                    {
                        sent = SocketError.OperationAborted; // the connection was aborted (stalled, or the server stopped)
                    }

                    if (sent != SocketError.Success)
                    {
                        return false; // the client went away
                    }

                    if (!head.IsHead)
                    {
                        metrics.BytesServed(blob.Length);
                    }
                }
            }
            finally
            {
                admission.Leave();
            }
        }
    }

    // A surprise here (a snapshot that cannot be read, say) is the full path's to report: it answers the same request.
    private ServedFile? TryGetHit(string path)
    {
        try
        {
            // int.MaxValue: one sendfile element's bound; Kestrel streams anything longer.
            return ModuleTarget.TryParse(path, out var snapshot, out var request, out _) ? files.TryGetHit(request, snapshot, maxLength: int.MaxValue) : null;
        }
        catch (Exception)
        {
            return null;
        }
    }

    // Into the connection's own buffer: a send completes before the next request is read, so one buffer serves them all.
    // Every part is bounded (a length of at most 10 digits, one of the kinds' content types, a SHA-256 ETag, a fixed-size
    // date), about 200 bytes in all, so the buffer always holds it.
    private static ArraySegment<byte> WriteHead(byte[] buffer, OpenBlob blob, string contentType) =>
        Utf8.TryWrite(buffer, CultureInfo.InvariantCulture, $"HTTP/1.1 200 OK\r\nContent-Length: {blob.Length}\r\nContent-Type: {contentType}\r\nDate: {HttpDate.Now()}\r\nETag: {blob.ETag}\r\n\r\n", out var written)
            ? new ArraySegment<byte>(buffer, 0, written)
            : throw new InvalidOperationException($"a response head longer than {buffer.Length} bytes");
}
