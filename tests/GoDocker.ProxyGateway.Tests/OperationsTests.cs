using GoDocker.ProxyGateway.Hosting;
using GoDocker.ProxyGateway.Tests.Infrastructure;

namespace GoDocker.ProxyGateway.Tests;

public sealed class OperationsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HealthzAndMetricsAnswer()
    {
        using var temp = new TempFolder();
        var folder = new ModuleFolder(temp.Sub("upstream")).Add("example.invalid/m", "v1.0.0");
        await using var upstream = await TestUpstream.StartAsync(folder);
        await using var gateway = await Gateways.StartAsync(temp.Sub("cache"), upstream.Address);
        using var http = Gateways.Client(gateway);

        Assert.Equal("ok\n", await http.GetStringAsync("/healthz", Ct));
        await http.GetStringAsync("/example.invalid/m/@v/v1.0.0.mod", Ct);
        await http.GetStringAsync("/example.invalid/m/@v/v1.0.0.mod", Ct);
        var metrics = await http.GetStringAsync("/metrics", Ct);

        Assert.Contains("godocker_proxy_requests_total{kind=\"mod\"} 2", metrics);
        Assert.Contains("godocker_proxy_cache_hits_total{kind=\"mod\"} 1", metrics);
        Assert.Contains("godocker_proxy_cache_misses_total{kind=\"mod\"} 1", metrics);
        Assert.Contains("godocker_proxy_upstream_fetches_total 1", metrics);
        Assert.Contains("# TYPE godocker_proxy_singleflight_joins_total counter", metrics);
        Assert.Matches(@"godocker_proxy_served_bytes_total [1-9]\d*", metrics);
    }

    [Fact]
    public async Task StopLetsAnInFlightResponseFinish()
    {
        using var temp = new TempFolder();
        var folder = new ModuleFolder(temp.Sub("upstream")).Add("example.invalid/m", "v1.0.0");
        await using var upstream = await TestUpstream.StartAsync(folder);
        upstream.Delay = TimeSpan.FromMilliseconds(800);
        await using var gateway = await Gateways.StartAsync(temp.Sub("cache"), upstream.Address);
        using var http = Gateways.Client(gateway);

        var inFlight = http.GetByteArrayAsync("/example.invalid/m/@v/v1.0.0.zip", Ct);
        await Task.Delay(200, Ct);
        await gateway.StopAsync(Ct);

        Assert.Equal(File.ReadAllBytes(folder.PathOf("example.invalid/m", "v1.0.0", "zip")), await inFlight);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => http.GetAsync("/healthz", Ct));
    }

    [Fact]
    public async Task WarmFetchesEverythingAGoSumNames()
    {
        using var temp = new TempFolder();
        var folder = new ModuleFolder(temp.Sub("upstream")).Add("example.invalid/m", "v1.0.0").Add("example.invalid/Up", "v0.1.0");
        await using var upstream = await TestUpstream.StartAsync(folder);
        var goSum = temp.Sub("go.sum");
        File.WriteAllText(goSum,
            "example.invalid/Up v0.1.0 h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n" +
            "example.invalid/Up v0.1.0/go.mod h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n" +
            "example.invalid/m v1.0.0/go.mod h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n" +
            "example.invalid/gone v1.0.0/go.mod h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n");
        var options = new GatewayOptions { CacheDirectory = temp.Sub("cache"), Upstreams = [new(upstream.Address)] };

        var result = await ProxyGatewayHost.WarmAsync(options, goSum, Ct);

        Assert.Equal(4, result.Fetched);
        Assert.Single(result.Failures);
        Assert.Contains("example.invalid/gone@v1.0.0", result.Failures[0]);
        Assert.Equal(1, upstream.Count("example.invalid/!up/@v/v0.1.0.zip"));

        // The warmed cache serves offline.
        await using var offline = await Gateways.StartAsync(temp.Sub("cache"), null, o => o with { Offline = true });
        using var http = Gateways.Client(offline);
        Assert.Equal(200, (int)(await http.GetAsync("/example.invalid/!up/@v/v0.1.0.zip", Ct)).StatusCode);
        var again = await ProxyGatewayHost.WarmAsync(options, goSum, Ct);
        Assert.Equal(4, again.AlreadyCached);
    }

    [Fact]
    public async Task AnOccupiedPortIsReportedWithGD3055()
    {
        using var temp = new TempFolder();
        await using var first = await Gateways.StartAsync(temp.Sub("a"), null);
        var e = await Assert.ThrowsAsync<GoDocker.Core.Diagnostics.DiagnosticException>(() =>
            Gateways.StartAsync(temp.Sub("b"), null, o => o with { Listen = $"127.0.0.1:{first.Address.Port}" }));
        Assert.Equal("GD3055", e.Diagnostic.Code);
    }
}
