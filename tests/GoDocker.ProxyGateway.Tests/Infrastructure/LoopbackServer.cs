using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GoDocker.ProxyGateway.Tests.Infrastructure;

/// <summary>An HTTP server on 127.0.0.1 (a free port) answering every request with one handler: test upstreams.</summary>
internal static class LoopbackServer
{
    public static async Task<(WebApplication App, Uri Address)> StartAsync(RequestDelegate handler)
    {
        // No config reload: its watcher is an inotify instance per server, and a test run starts hundreds of them
        // (the user's limit is 128 instances).
        var builder = WebApplication.CreateSlimBuilder(["--hostBuilder:reloadConfigOnChange=false"]);
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync();
        return (app, new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()));
    }
}
