using System.Net;
using System.Net.Sockets;

namespace GoDocker.Core.Tests.Verification;

/// <summary>
/// Accepts TCP connections on 127.0.0.1 and hands each to a handler on its own task until disposed: the part every
/// test server, proxy and relay here shares. A handler's failure is a client that hung up, not a test result.
/// </summary>
internal sealed class LoopbackTcpServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    public LoopbackTcpServer(Func<TcpClient, CancellationToken, Task> handle)
    {
        listener.Start();
        loop = Task.Run(() => AcceptLoopAsync(handle));
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    private async Task AcceptLoopAsync(Func<TcpClient, CancellationToken, Task> handle)
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
            _ = Task.Run(async () =>
            {
                using var _ = client;
                try
                {
                    await handle(client, stop.Token);
                }
                catch (Exception)
                {
                    // The client hung up or the test ended.
                }
            });
        }
    }

    /// <summary>Reads an HTTP request head (up to the blank line) byte by byte, so nothing after it is consumed.</summary>
    public static async Task<string> ReadHeadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var head = new System.Text.StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(one, cancellationToken) == 1)
        {
            head.Append((char)one[0]);
        }
        return head.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await loop;
        stop.Dispose();
    }
}
