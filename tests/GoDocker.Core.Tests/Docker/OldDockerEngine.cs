using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace GoDocker.Core.Tests.Docker;

/// <summary>
/// A Docker engine as old as 18.06 (API 1.38, before BuildKit), on a unix socket in a temp folder: it answers
/// <c>/_ping</c> and <c>/version</c> the way such an engine does, and 404 to everything else.
/// </summary>
internal sealed partial class OldDockerEngine : IAsyncDisposable
{
    public const string ApiVersion = "1.38";
    public const string ServerVersion = "18.06.3-ce";

    private readonly string _directory = Directory.CreateTempSubdirectory("godocker-oldengine-").FullName;
    private readonly Socket _listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public OldDockerEngine()
    {
        SocketPath = Path.Combine(_directory, "docker.sock");
        _listener.Bind(new UnixDomainSocketEndPoint(SocketPath));
        _listener.Listen(16);
        _accepting = AcceptAsync();
    }

    public string SocketPath { get; }

    /// <summary>The value for DOCKER_HOST.</summary>
    public Uri Uri => new("unix://" + SocketPath);

    /// <summary>Request lines seen ("GET /version"), to show who asked what.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(Socket client)
    {
        using var _ = client;
        await using var stream = new NetworkStream(client);
        var buffer = new StringBuilder();
        var chunk = new byte[4096];
        try
        {
            // Keep-alive: answer every request on the connection until the client closes it.
            while (true)
            {
                // Headers end at the first empty line; like Go's net/http, accept bare LF line ends (Docker.DotNet sends them).
                Match end;
                while (!(end = HeadEnd().Match(buffer.ToString())).Success)
                {
                    var read = await stream.ReadAsync(chunk, _stop.Token);
                    if (read == 0)
                    {
                        return;
                    }

                    buffer.Append(Encoding.ASCII.GetString(chunk, 0, read));
                }

                var head = buffer.ToString(0, end.Index);
                buffer.Remove(0, end.Index + end.Length);
                var requestLine = head.Split('\n')[0].TrimEnd('\r').Split(' ');
                var (method, path) = (requestLine[0], requestLine[1].Split('?')[0]);
                Requests.Enqueue($"{method} {path}");
                await stream.WriteAsync(Answer(method, path), _stop.Token);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
        }
    }

    private static byte[] Answer(string method, string path)
    {
        // Clients may prefix a path with the API version they ask for (/v1.38/version).
        var unversioned = path.StartsWith("/v", StringComparison.Ordinal) && path.IndexOf('/', 1) is > 0 and var slash ? path[slash..] : path;
        var (status, type, body) = unversioned switch
        {
            "/_ping" => ("200 OK", "text/plain; charset=utf-8", "OK"),
            "/version" => ("200 OK", "application/json", $$"""{"Version":"{{ServerVersion}}","ApiVersion":"{{ApiVersion}}","MinAPIVersion":"1.12","Os":"linux","Arch":"amd64","KernelVersion":"4.15.0","GoVersion":"go1.10.8"}"""),
            _ => ("404 Not Found", "application/json", """{"message":"page not found"}"""),
        };
        var bytes = Encoding.UTF8.GetBytes(body);
        var headers = $"HTTP/1.1 {status}\r\nApi-Version: {ApiVersion}\r\nDocker-Experimental: false\r\nOstype: linux\r\nServer: Docker/{ServerVersion} (linux)\r\nContent-Type: {type}\r\nContent-Length: {bytes.Length}\r\n\r\n";
        return [.. Encoding.ASCII.GetBytes(headers), .. method == "HEAD" ? [] : bytes];
    }

    [GeneratedRegex(@"\r?\n\r?\n")]
    private static partial Regex HeadEnd();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        await _accepting;
        _stop.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
