using System.Net;
using System.Net.Sockets;

namespace GoDocker.Core.Tests.Verification;

/// <summary>
/// A TCP relay on 127.0.0.1 in front of a server that behaves like the middleboxes of golang/go#70047: a connection
/// whose first TLS record is larger than <see cref="MaxFirstRecord"/> bytes is silently swallowed (nothing forwarded,
/// nothing answered, the connection left open), everything else is relayed. With no limit it is a plain relay.
/// </summary>
internal sealed class ClientHelloSizeMiddlebox : IAsyncDisposable
{
    private readonly int upstreamPort;
    private readonly LoopbackTcpServer server;

    public ClientHelloSizeMiddlebox(int upstreamPort, int? maxFirstRecord = 1000)
    {
        this.upstreamPort = upstreamPort;
        MaxFirstRecord = maxFirstRecord;
        server = new LoopbackTcpServer(RelayAsync);
    }

    public int? MaxFirstRecord { get; }

    public int Port => server.Port;

    /// <summary>The sizes of the first records that were dropped.</summary>
    public List<int> Dropped { get; } = [];

    public Uri Url => new($"https://127.0.0.1:{Port}/");

    private async Task RelayAsync(TcpClient client, CancellationToken stopping)
    {
        using var _ = client;
        try
        {
            var down = client.GetStream();
            var header = new byte[5];
            await down.ReadExactlyAsync(header, stopping);
            var length = (header[3] << 8) | header[4];
            if (header[0] == 0x16 && length > MaxFirstRecord)
            {
                lock (Dropped)
                {
                    Dropped.Add(length);
                }
                // Swallow whatever comes until the client gives up, as a DROP rule on the second segment would.
                var sink = new byte[4096];
                while (await down.ReadAsync(sink, stopping) > 0)
                {
                }
                return;
            }
            using var upstream = new TcpClient();
            await upstream.ConnectAsync(IPAddress.Loopback, upstreamPort, stopping);
            var up = upstream.GetStream();
            await up.WriteAsync(header, stopping);
            await Task.WhenAny(down.CopyToAsync(up, stopping), up.CopyToAsync(down, stopping));
        }
        catch (Exception)
        {
            // The client hung up or the test ended; a relay has nothing to report.
        }
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();
}
