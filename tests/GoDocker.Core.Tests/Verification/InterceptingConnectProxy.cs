using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace GoDocker.Core.Tests.Verification;

/// <summary>
/// A plain-HTTP CONNECT proxy on 127.0.0.1 for HTTPS_PROXY. With a certificate it behaves like a TLS-inspecting
/// proxy: it answers the tunnel's TLS handshake itself with that (re-signed) certificate. Without one it pipes the
/// tunnel to the target unchanged.
/// </summary>
internal sealed class InterceptingConnectProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly X509Certificate2? resigned;
    private readonly Task loop;

    public InterceptingConnectProxy(X509Certificate2? resigned)
    {
        this.resigned = resigned;
        listener.Start();
        loop = Task.Run(AcceptLoopAsync);
    }

    public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");

    public List<string> Connects { get; } = [];

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
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            var down = client.GetStream();
            var head = new StringBuilder();
            var one = new byte[1];
            while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await down.ReadAsync(one, stop.Token) == 1)
            {
                head.Append((char)one[0]);
            }
            var target = head.ToString().Split(' ')[1];
            lock (Connects)
            {
                Connects.Add(target);
            }
            await down.WriteAsync("HTTP/1.1 200 Connection established\r\n\r\n"u8.ToArray(), stop.Token);
            if (resigned is not null)
            {
                await using var tls = new SslStream(down);
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = resigned }, stop.Token);
                return;
            }
            using var upstream = new TcpClient();
            await upstream.ConnectAsync(IPAddress.Loopback, int.Parse(target.Split(':')[1]), stop.Token);
            var up = upstream.GetStream();
            await Task.WhenAny(down.CopyToAsync(up, stop.Token), up.CopyToAsync(down, stop.Token));
        }
        catch (Exception)
        {
            // The client rejected the certificate or hung up; a test proxy has nothing to report.
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
