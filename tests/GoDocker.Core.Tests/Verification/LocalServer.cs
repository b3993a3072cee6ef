using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace GoDocker.Core.Tests.Verification;

/// <summary>
/// A minimal HTTP(S) server on 127.0.0.1: TcpListener, optional SslStream with a chosen chain, and an answer per path.
/// </summary>
internal sealed class LocalServer : IAsyncDisposable
{
    private readonly SslStreamCertificateContext? certificate;
    private readonly Func<string, string?, (int Status, string Body)> answer;
    private readonly LoopbackTcpServer server;

    /// <param name="leaf">Null for plain HTTP.</param>
    /// <param name="sentIntermediates">What the server sends after its leaf.</param>
    public LocalServer(Func<string, (int Status, string Body)> answer, X509Certificate2? leaf = null, X509Certificate2[]? sentIntermediates = null)
        : this((path, _) => answer(path), leaf, sentIntermediates)
    {
    }

    /// <param name="answer">Gets the request target and the Authorization header (null when absent).</param>
    public LocalServer(Func<string, string?, (int Status, string Body)> answer, X509Certificate2? leaf = null, X509Certificate2[]? sentIntermediates = null)
    {
        this.answer = answer;
        if (leaf is not null)
        {
            certificate = SslStreamCertificateContext.Create(leaf, new X509Certificate2Collection(sentIntermediates ?? []), offline: true);
        }
        server = new LoopbackTcpServer(ServeAsync);
    }

    public int Port => server.Port;

    public List<string> Requests { get; } = [];

    /// <summary>Header lines sent with every answer ("WWW-Authenticate: Bearer realm=…\r\n").</summary>
    public string ExtraHeaders { get; init; } = "";

    /// <summary>Binary answers (module zips) by path, served with 200 before the text answer is asked.</summary>
    public Dictionary<string, byte[]> Files { get; } = new(StringComparer.Ordinal);

    public Uri Url(string scheme = "https", string host = "127.0.0.1") => new($"{scheme}://{host}:{Port}/");

    private async Task ServeAsync(TcpClient client, CancellationToken stopping)
    {
        using var _ = client;
        try
        {
            Stream stream = client.GetStream();
            if (certificate is not null)
            {
                var ssl = new SslStream(stream);
                await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificateContext = certificate }, stopping);
                stream = ssl;
            }
            var head = new StringBuilder();
            var buffer = new byte[1];
            while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(buffer, stopping) == 1)
            {
                head.Append((char)buffer[0]);
            }
            var path = head.ToString().Split(' ', 3)[1];
            var authorization = head.ToString().Split("\r\n").FirstOrDefault(l => l.StartsWith("Authorization:", StringComparison.OrdinalIgnoreCase))?["Authorization:".Length..].Trim();
            lock (Requests)
            {
                Requests.Add(path);
            }
            var (status, bytes) = Files.TryGetValue(path, out var file) ? (200, file) : Text(answer(path, authorization));
            var response = $"HTTP/1.1 {status} {Reason(status)}\r\nContent-Type: text/plain\r\nContent-Length: {bytes.Length}\r\n{ExtraHeaders}Connection: close\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(response), stopping);
            await stream.WriteAsync(bytes, stopping);
            await stream.FlushAsync(stopping);
        }
        catch (Exception)
        {
            // A client that rejects the certificate hangs up mid-handshake; that is what several tests want.
        }
    }

    private static (int, byte[]) Text((int Status, string Body) text) => (text.Status, Encoding.UTF8.GetBytes(text.Body));

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        410 => "Gone",
        500 => "Internal Server Error",
        _ => "Status",
    };

    public ValueTask DisposeAsync() => server.DisposeAsync();
}
