using System.Net;
using System.Text;

namespace GoDocker.Benchmarks;

/// <summary>
/// A GOPROXY-protocol server on 127.0.0.1 over a folder, appending one line per request to a log
/// (<c>path TAB status TAB body-bytes</c>) so a benchmark can count what a build asked the proxy for.
/// </summary>
public sealed class CountingModuleProxy(string root, int port, string logPath)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (port == 0)
        {
            // HttpListener cannot bind port 0; borrow a free port from the OS.
            var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
        }
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        await using var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        using var _ = cancellationToken.Register(listener.Stop);
        Console.WriteLine($"serving {root} on http://127.0.0.1:{port}");
        while (!cancellationToken.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            var path = Uri.UnescapeDataString(context.Request.Url!.AbsolutePath);
            var file = Path.GetFullPath(Path.Combine(root, path.TrimStart('/')));
            using var response = context.Response;
            byte[] body;
            if (file.StartsWith(Path.GetFullPath(root), StringComparison.Ordinal) && File.Exists(file))
            {
                body = await File.ReadAllBytesAsync(file, cancellationToken);
                response.StatusCode = 200;
            }
            else
            {
                body = Encoding.UTF8.GetBytes("not found: " + path);
                response.StatusCode = 404;
            }
            response.ContentLength64 = body.Length;
            await response.OutputStream.WriteAsync(body, cancellationToken);
            lock (log)
            {
                log.WriteLine($"{path}\t{response.StatusCode}\t{body.Length}");
            }
        }
    }
}
