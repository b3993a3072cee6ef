using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace GoDocker.Sdk.Tests.Infrastructure;

/// <summary>
/// A GOPROXY-protocol server on 127.0.0.1 over in-memory files, recording every request so tests can assert what
/// the go command fetched (and that a no-op build fetched nothing).
/// </summary>
public sealed class TestModuleProxy : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public TestModuleProxy()
    {
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(() => HttpListenerLoop.ServeAsync(_listener, AnswerAsync));
    }

    public int Port { get; }
    public string Url => $"http://127.0.0.1:{Port}";
    public IReadOnlyList<string> Requests => _requests.ToArray();

    /// <summary>Runs before a request is answered; a test can hold a response back to keep a download in flight.</summary>
    public Func<string, Task>? BeforeServe { get; set; }

    /// <summary>When set, requests without these basic-auth credentials get 401.</summary>
    public (string User, string Password)? RequiredCredentials { get; set; }

    public void Add(TestGoModule module)
    {
        foreach (var (path, content) in module.ProxyFiles())
        {
            _files[path] = content;
        }
    }

    /// <summary>Serves a new module with a unique path (see <see cref="TestGoModule.UniqueGreeting"/>) and returns it.</summary>
    public TestGoModule AddUniqueGreeting()
    {
        var module = TestGoModule.UniqueGreeting();
        Add(module);
        return module;
    }

    public void ClearRequests()
    {
        _requests.Clear();
        Interlocked.Exchange(ref _bytesServed, 0);
    }

    /// <summary>Bytes of module files (info, mod, zip, list) answered since the start or the last <see cref="ClearRequests"/>.</summary>
    public long BytesServed => Interlocked.Read(ref _bytesServed);

    private long _bytesServed;

    public static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            var path = context.Request.Url!.AbsolutePath;
            _requests.Enqueue(path);
            if (BeforeServe is { } hook)
            {
                await hook(path);
            }
            await RespondAsync(context, path);
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or IOException or OperationCanceledException)
        {
            // The client went away (a cancelled build); nothing to answer.
        }
    }

    private async Task RespondAsync(HttpListenerContext context, string path)
    {
        using var response = context.Response;
        if (RequiredCredentials is { } credentials && !Authorized(context.Request, credentials))
        {
            response.StatusCode = 401;
            response.AddHeader("WWW-Authenticate", "Basic realm=\"modules\"");
            return;
        }
        if (_files.TryGetValue(path, out var content))
        {
            response.StatusCode = 200;
            response.ContentLength64 = content.Length;
            Interlocked.Add(ref _bytesServed, content.Length);
            await response.OutputStream.WriteAsync(content);
        }
        else
        {
            response.StatusCode = 404;
            var body = Encoding.UTF8.GetBytes("not found: " + path);
            await response.OutputStream.WriteAsync(body);
        }
    }

    private static bool Authorized(HttpListenerRequest request, (string User, string Password) credentials)
    {
        var header = request.Headers["Authorization"];
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.User}:{credentials.Password}"));
        return header == expected;
    }

    public async ValueTask DisposeAsync()
    {
        // Close alone: after Stop, Close unregisters the prefixes a second time, which on Linux binds the port again
        // and throws "Address already in use" once another test has taken that port.
        _listener.Close();
        await _loop.ConfigureAwait(false);
    }
}
