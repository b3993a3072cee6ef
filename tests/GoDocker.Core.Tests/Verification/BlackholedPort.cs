using System.Net;
using System.Net.Sockets;

namespace GoDocker.Core.Tests.Verification;

/// <summary>
/// A port on 127.0.0.1 that drops SYNs: a listener that never accepts, whose accept queue is filled first, so the
/// kernel silently ignores further connection attempts (as a firewall DROP rule does).
/// </summary>
internal sealed class BlackholedPort : IDisposable
{
    private readonly Socket listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly List<Socket> fillers = [];

    private BlackholedPort(IPAddress address, int port)
    {
        listener.Bind(new IPEndPoint(address, port));
        listener.Listen(1);
    }

    public int Port => ((IPEndPoint)listener.LocalEndPoint!).Port;

    private IPAddress Address => ((IPEndPoint)listener.LocalEndPoint!).Address;

    public static async Task<BlackholedPort> CreateAsync(IPAddress? address = null, int port = 0)
    {
        var hole = new BlackholedPort(address ?? IPAddress.Loopback, port);
        for (var i = 0; i < 16; i++)
        {
            var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            hole.fillers.Add(filler);
            using var quick = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            try
            {
                await filler.ConnectAsync(new IPEndPoint(hole.Address, hole.Port), quick.Token);
            }
            catch (OperationCanceledException)
            {
                return hole; // The queue is full: this SYN was dropped, and so will the probe's be.
            }
        }
        hole.Dispose();
        throw new InvalidOperationException("could not fill the accept queue of a local listener");
    }

    public void Dispose()
    {
        foreach (var filler in fillers)
        {
            filler.Dispose();
        }
        listener.Dispose();
    }
}
