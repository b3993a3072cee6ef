using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GoDocker.Benchmarks;

/// <summary>
/// A GOPROXY-protocol server on 127.0.0.1 over a folder, appending one line per request to a log
/// (<c>path TAB status TAB body-bytes</c>) so a benchmark can count what a build asked the proxy for.
/// Kestrel, so connections stay open between requests and requests are served concurrently, as by a real module
/// proxy (HttpListener closed every connection after its response and answered one request at a time).
/// </summary>
public sealed class CountingModuleProxy(string root, int port, string logPath)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var fullRoot = Path.GetFullPath(root);
        await using var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        // No config reload: its watcher put an inotify watch on every folder under the working folder (63 261 of them
        // when started in a benchmark's work folder), and every file the go command or a gateway wrote there woke it.
        var builder = WebApplication.CreateSlimBuilder(["--hostBuilder:reloadConfigOnChange=false"]);
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        await using var app = builder.Build();
        app.Run(async context =>
        {
            var path = context.Request.Path.Value ?? "/";
            var file = Path.GetFullPath(Path.Combine(fullRoot, path.TrimStart('/')));
            byte[] body;
            if (file.StartsWith(fullRoot, StringComparison.Ordinal) && File.Exists(file))
            {
                body = await File.ReadAllBytesAsync(file, context.RequestAborted);
                context.Response.StatusCode = 200;
            }
            else
            {
                body = Encoding.UTF8.GetBytes("not found: " + path);
                context.Response.StatusCode = 404;
            }

            // Logged before the body goes out: once a client has its answer, the request is in the log.
            lock (log)
            {
                log.WriteLine($"{path}\t{context.Response.StatusCode}\t{body.Length}");
            }

            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        });
        await app.StartAsync(cancellationToken);
        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        Console.WriteLine($"serving {root} on http://127.0.0.1:{bound.Port}");
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }

        await app.StopAsync(CancellationToken.None);
    }
}
