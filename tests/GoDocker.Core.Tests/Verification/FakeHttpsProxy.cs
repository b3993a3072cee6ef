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
    private readonly X509Certificate2 certificate;
    private readonly LoopbackTcpServer server;

    public FakeHttpsProxy(X509Certificate2 certificate)
    {
        this.certificate = certificate;
        server = new LoopbackTcpServer(TunnelAsync);
    }

    public Uri Url => new($"https://127.0.0.1:{server.Port}");

    public List<string> Connects { get; } = [];

    private async Task TunnelAsync(TcpClient client, CancellationToken stopping)
    {
        using var _ = client;
        try
        {
            await using var tls = new SslStream(client.GetStream());
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate }, stopping);
            var head = await LoopbackTcpServer.ReadHeadAsync(tls, stopping);
            var target = head.ToString().Split(' ')[1];
            lock (Connects)
            {
                Connects.Add(target);
            }
            var port = int.Parse(target.Split(':')[1]);
            using var upstream = new TcpClient();
            await upstream.ConnectAsync(IPAddress.Loopback, port, stopping);
            await tls.WriteAsync("HTTP/1.1 200 Connection established\r\n\r\n"u8.ToArray(), stopping);
            var up = upstream.GetStream();
            await Task.WhenAny(tls.CopyToAsync(up, stopping), up.CopyToAsync(tls, stopping));
        }
        catch (Exception)
        {
            // The client hung up; nothing to report from a test proxy.
        }
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();
}
