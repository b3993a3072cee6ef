using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace GoDocker.Core.Tests.Verification;

/// <summary>
/// An HTTPS_PROXY reached over TLS (an https:// proxy URL), which tinyproxy cannot be: it accepts CONNECT to
/// 127.0.0.1 only and pipes the tunnel.
/// </summary>
internal sealed class FakeHttpsProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly X509Certificate2 certificate;
    private readonly Task loop;

    public FakeHttpsProxy(X509Certificate2 certificate)
    {
        this.certificate = certificate;
        listener.Start();
        loop = Task.Run(AcceptLoopAsync);
    }

    public Uri Url => new($"https://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");

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
            _ = Task.Run(() => TunnelAsync(client));
        }
    }

    private async Task TunnelAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            await using var tls = new SslStream(client.GetStream());
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate }, stop.Token);
            var head = new StringBuilder();
            var one = new byte[1];
            while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await tls.ReadAsync(one, stop.Token) == 1)
            {
                head.Append((char)one[0]);
            }
            var target = head.ToString().Split(' ')[1];
            lock (Connects)
            {
                Connects.Add(target);
            }
            var port = int.Parse(target.Split(':')[1]);
            using var upstream = new TcpClient();
            await upstream.ConnectAsync(IPAddress.Loopback, port, stop.Token);
            await tls.WriteAsync("HTTP/1.1 200 Connection established\r\n\r\n"u8.ToArray(), stop.Token);
            var up = upstream.GetStream();
            await Task.WhenAny(tls.CopyToAsync(up, stop.Token), up.CopyToAsync(tls, stop.Token));
        }
        catch (Exception)
        {
            // The client hung up; nothing to report from a test proxy.
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
