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
    private readonly X509Certificate2? resigned;
    private readonly LoopbackTcpServer server;

    public InterceptingConnectProxy(X509Certificate2? resigned)
    {
        this.resigned = resigned;
        server = new LoopbackTcpServer(ServeAsync);
    }

    public Uri Url => new($"http://127.0.0.1:{server.Port}");

    public List<string> Connects { get; } = [];

    private async Task ServeAsync(TcpClient client, CancellationToken stopping)
    {
        using var _ = client;
        try
        {
            var down = client.GetStream();
            var head = await LoopbackTcpServer.ReadHeadAsync(down, stopping);
            var target = head.ToString().Split(' ')[1];
            lock (Connects)
            {
                Connects.Add(target);
            }
            await down.WriteAsync("HTTP/1.1 200 Connection established\r\n\r\n"u8.ToArray(), stopping);
            if (resigned is not null)
            {
                await using var tls = new SslStream(down);
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = resigned }, stopping);
                return;
            }
            using var upstream = new TcpClient();
            await upstream.ConnectAsync(IPAddress.Loopback, int.Parse(target.Split(':')[1]), stopping);
            var up = upstream.GetStream();
            await Task.WhenAny(down.CopyToAsync(up, stopping), up.CopyToAsync(down, stopping));
        }
        catch (Exception)
        {
            // The client rejected the certificate or hung up; a test proxy has nothing to report.
        }
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();
}
