using System.Net;
using System.Net.Sockets;

namespace GoDocker.Core.Tests.Verification;

/// <summary>A listener on 127.0.0.1 that accepts connections and then either resets them or never says a word.</summary>
internal sealed class MisbehavingServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly List<Socket> held = [];
    private readonly Task loop;

    public MisbehavingServer(bool reset)
    {
        listener.Start();
        loop = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                Socket socket;
                try
                {
                    socket = await listener.AcceptSocketAsync(stop.Token);
                }
                catch (Exception)
                {
                    return;
                }
                if (reset)
                {
                    // Wait for the request so the reset hits the client mid-exchange, then close with RST.
                    await Task.Delay(100);
                    socket.LingerState = new LingerOption(true, 0);
                    socket.Close();
                }
                else
                {
                    lock (held)
                    {
                        held.Add(socket);
                    }
                }
            }
        });
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await loop;
        lock (held)
        {
            held.ForEach(s => s.Dispose());
        }
        stop.Dispose();
    }
}
