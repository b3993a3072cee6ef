using GoDocker.ProxyGateway.Hosting;
using GoDocker.ProxyGateway.Upstreams;

namespace GoDocker.ProxyGateway.Tests.Infrastructure;

internal static class Gateways
{
    public static Task<RunningGateway> StartAsync(string cache, Uri? upstream, Func<GatewayOptions, GatewayOptions>? configure = null)
    {
        var options = new GatewayOptions
        {
            CacheDirectory = cache,
            Upstreams = upstream is null ? [] : [new UpstreamEndpoint(upstream, Timeout: TimeSpan.FromSeconds(20))],
            ShutdownTimeout = TimeSpan.FromSeconds(5),
        };
        return ProxyGatewayHost.StartAsync(configure?.Invoke(options) ?? options, TestContext.Current.CancellationToken);
    }

    public static HttpClient Client(RunningGateway gateway) => new() { BaseAddress = gateway.Address, Timeout = TimeSpan.FromSeconds(60) };
}
