using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace GoDocker.Sdk.Tests.Dockerfiles;

/// <summary>
/// HTTPS in front of a plain HTTP test server on 127.0.0.1, with a certificate issued by a CA made for this test,
/// as a corporate proxy with a private CA would present. A private Git host is served on its own loopback address and
/// port 443, since a module path cannot name a port; the plain server then listens on that address too.
/// </summary>
public sealed class TlsTerminator : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly X509Certificate2 _serverCertificate;
    private readonly int _upstreamPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public TlsTerminator(int upstreamPort, IPAddress? address = null, int port = 0)
    {
        Address = address ?? IPAddress.Loopback;
        _listener = new TcpListener(Address, port);
        _upstreamPort = upstreamPort;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=GoDocker E2E Root CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        // One clock reading: a leaf may not outlive its CA, even by the second that passes between two readings.
        var now = DateTimeOffset.UtcNow;
        using var ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(7));
        CaPem = ca.ExportCertificatePem() + "\n";

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=" + Address, serverKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(Address);
        san.AddDnsName("localhost");
        serverRequest.CertificateExtensions.Add(san.Build());
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        using var issued = serverRequest.Create(ca, now.AddDays(-1), now.AddDays(6), Guid.NewGuid().ToByteArray()[..8]);
        // SslStream needs the key in a usable store form; a PKCS#12 round trip gives one on every platform.
        _serverCertificate = X509CertificateLoader.LoadPkcs12(issued.CopyWithPrivateKey(serverKey).Export(X509ContentType.Pkcs12), null);

        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _loop = Task.Run(AcceptAsync);
    }

    public IPAddress Address { get; }
    public int Port { get; }
    public string Url => $"https://{Address}:{Port}";

    /// <summary>The issuing CA, PEM, for a GoCaCertificate item.</summary>
    public string CaPem { get; }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                await using var tls = new SslStream(client.GetStream());
                await tls.AuthenticateAsServerAsync(_serverCertificate, clientCertificateRequired: false, checkCertificateRevocation: false);
                using var upstream = new TcpClient();
                await upstream.ConnectAsync(Address, _upstreamPort, _stop.Token);
                var plain = upstream.GetStream();
                var up = tls.CopyToAsync(plain, _stop.Token);
                var down = plain.CopyToAsync(tls, _stop.Token);
                await Task.WhenAny(up, down);
            }
            catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // A client that rejects our certificate ends the handshake: exactly what the test provokes.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _loop.ConfigureAwait(false);
        _serverCertificate.Dispose();
        _stop.Dispose();
    }
}
