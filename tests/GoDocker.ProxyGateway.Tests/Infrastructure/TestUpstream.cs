using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace GoDocker.ProxyGateway.Tests.Infrastructure;

/// <summary>
/// An upstream GOPROXY on 127.0.0.1 serving a <see cref="ModuleFolder"/>, counting requests per path, with faults
/// a test can switch on: a delay, a status for every request, or cutting a zip off half-way.
/// </summary>
public sealed class TestUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    private TestUpstream(WebApplication app, ModuleFolder folder)
    {
        _app = app;
        Folder = folder;
    }

    public ModuleFolder Folder { get; }
    public Uri Address { get; private set; } = null!;
    public TimeSpan Delay { get; set; }
    public int? FailWithStatus { get; set; }
    public bool CutZipsHalfWay { get; set; }
    /// <summary>Pause after sending half of a zip, so a test can act while downloads are mid-write.</summary>
    public TimeSpan ZipPause { get; set; }
    public string? RequiredAuthorization { get; set; }
    /// <summary>Status to answer for one path (relative, as counted), e.g. a 500 for a single zip.</summary>
    public ConcurrentDictionary<string, int> FailPaths { get; } = new(StringComparer.Ordinal);
    public ConcurrentQueue<string?> SeenAuthorization { get; } = new();

    public int Count(string relativePath) => _counts.GetValueOrDefault(relativePath);
    public int TotalRequests => _counts.Values.Sum();

    public static async Task<TestUpstream> StartAsync(ModuleFolder folder)
    {
        TestUpstream? upstream = null;
        var (app, address) = await LoopbackServer.StartAsync(c => upstream!.HandleAsync(c));
        upstream = new TestUpstream(app, folder) { Address = address };
        return upstream;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value!.TrimStart('/');
        _counts.AddOrUpdate(path, 1, (_, n) => n + 1);
        SeenAuthorization.Enqueue(context.Request.Headers.Authorization.FirstOrDefault());
        if (Delay > TimeSpan.Zero)
        {
            // A client that gave up (a cancelled test) must not keep this server from stopping.
            await Task.Delay(Delay, context.RequestAborted);
        }

        if (RequiredAuthorization is not null && context.Request.Headers.Authorization != RequiredAuthorization)
        {
            context.Response.StatusCode = 401;
            return;
        }

        if (FailWithStatus is { } status)
        {
            context.Response.StatusCode = status;
            await context.Response.WriteAsync($"injected failure {status}");
            return;
        }

        if (FailPaths.TryGetValue(path, out var pathStatus))
        {
            context.Response.StatusCode = pathStatus;
            await context.Response.WriteAsync($"injected failure {pathStatus}");
            return;
        }

        var file = Path.GetFullPath(Path.Combine(Folder.Root, path));
        if (!file.StartsWith(Folder.Root, StringComparison.Ordinal) || !File.Exists(file))
        {
            context.Response.StatusCode = 404;
            await context.Response.WriteAsync("not found: " + path);
            return;
        }

        var bytes = await File.ReadAllBytesAsync(file);
        context.Response.ContentLength = bytes.Length;
        if (CutZipsHalfWay && path.EndsWith(".zip", StringComparison.Ordinal))
        {
            await context.Response.Body.WriteAsync(bytes.AsMemory(0, bytes.Length / 2));
            await context.Response.Body.FlushAsync();
            context.Abort();
            return;
        }

        if (ZipPause > TimeSpan.Zero && path.EndsWith(".zip", StringComparison.Ordinal))
        {
            await context.Response.Body.WriteAsync(bytes.AsMemory(0, bytes.Length / 2));
            await context.Response.Body.FlushAsync();
            await Task.Delay(ZipPause);
            await context.Response.Body.WriteAsync(bytes.AsMemory(bytes.Length / 2));
            return;
        }

        await context.Response.Body.WriteAsync(bytes);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
