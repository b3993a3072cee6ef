using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace GoDocker.ProxyGateway.Tests.Infrastructure;

/// <summary>
/// A misbehaving upstream on 127.0.0.1: paths under <see cref="GoodModule"/> are served honestly from a
/// <see cref="ModuleFolder"/>; every other request gets the answer the test scripts (the attack).
/// </summary>
public sealed class ScriptedUpstream : IAsyncDisposable
{
    public const string GoodModule = "example.invalid/good";

    private readonly WebApplication _app;
    private int _attacks;

    private ScriptedUpstream(WebApplication app, ModuleFolder folder)
    {
        _app = app;
        Folder = folder;
    }

    public ModuleFolder Folder { get; }
    public Uri Address { get; private set; } = null!;
    public Func<HttpContext, Task> Attack { get; set; } = _ => Task.CompletedTask;

    /// <summary>Requests that got the scripted answer.</summary>
    public int Attacks => Volatile.Read(ref _attacks);

    public static async Task<ScriptedUpstream> StartAsync(string folder, Func<HttpContext, Task> attack)
    {
        ScriptedUpstream? upstream = null;
        var (app, address) = await LoopbackServer.StartAsync(c => upstream!.HandleAsync(c));
        upstream = new ScriptedUpstream(app, new ModuleFolder(folder).Add(GoodModule, "v1.0.0")) { Attack = attack, Address = address };
        return upstream;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value!.TrimStart('/');
        if (path.StartsWith(GoodModule + "/", StringComparison.Ordinal))
        {
            var file = Path.Combine(Folder.Root, path);
            if (!File.Exists(file))
            {
                context.Response.StatusCode = 404;
                return;
            }

            await context.Response.Body.WriteAsync(await File.ReadAllBytesAsync(file));
            return;
        }

        Interlocked.Increment(ref _attacks);
        try
        {
            await Attack(context);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The gateway hung up on the attack: that is what the tests want.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
