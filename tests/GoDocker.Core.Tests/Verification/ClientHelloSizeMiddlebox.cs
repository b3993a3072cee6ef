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
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly int upstreamPort;
    private readonly Task loop;

    public ClientHelloSizeMiddlebox(int upstreamPort, int? maxFirstRecord = 1000)
    {
        this.upstreamPort = upstreamPort;
        MaxFirstRecord = maxFirstRecord;
        listener.Start();
        loop = Task.Run(AcceptLoopAsync);
    }

    public int? MaxFirstRecord { get; }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>The sizes of the first records that were dropped.</summary>
    public List<int> Dropped { get; } = [];

    public Uri Url => new($"https://127.0.0.1:{Port}/");

    private async Task AcceptLoopAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception)
            {
                return;
            }
            _ = Task.Run(() => RelayAsync(client));
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            var down = client.GetStream();
            var header = new byte[5];
            await down.ReadExactlyAsync(header, stop.Token);
            var length = (header[3] << 8) | header[4];
            if (header[0] == 0x16 && length > MaxFirstRecord)
            {
                lock (Dropped)
                {
                    Dropped.Add(length);
                }
                // Swallow whatever comes until the client gives up, as a DROP rule on the second segment would.
                var sink = new byte[4096];
                while (await down.ReadAsync(sink, stop.Token) > 0)
                {
                }
                return;
            }
            using var upstream = new TcpClient();
            await upstream.ConnectAsync(IPAddress.Loopback, upstreamPort, stop.Token);
            var up = upstream.GetStream();
            await up.WriteAsync(header, stop.Token);
            await Task.WhenAny(down.CopyToAsync(up, stop.Token), up.CopyToAsync(down, stop.Token));
        }
        catch (Exception)
        {
            // The client hung up or the test ended; a relay has nothing to report.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await loop;
        stop.Dispose();
    }
}
