using System.Net;
using System.Net.Sockets;

namespace GoDocker.Benchmarks;

/// <summary>
/// An endpoint that accepts TCP connections and never answers: what a firewall that swallows traffic, or a proxy
/// stuck upstream, looks like to a client. Connections are held open until the process ends.
/// </summary>
public sealed class BlackholeListener(int port)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        Console.WriteLine($"blackhole on 127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");
        var held = new List<TcpClient>();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                held.Add(await listener.AcceptTcpClientAsync(cancellationToken));
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            held.ForEach(c => c.Dispose());
            listener.Stop();
        }
    }
}
