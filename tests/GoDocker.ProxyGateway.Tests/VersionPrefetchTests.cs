using GoDocker.ProxyGateway.Tests.Infrastructure;

namespace GoDocker.ProxyGateway.Tests;

/// <summary>
/// A missed .info makes the gateway fetch that version's .mod (beside the .info) and .zip (once the .info is
/// stored) too, which `go mod download` asks for next:
/// still one upstream fetch per file, nothing cached that failed, and none of it with --no-prefetch or for warm.
/// </summary>
public sealed class VersionPrefetchTests
{
    private const string Info = "example.invalid/m/@v/v1.0.0.info";
    private const string Mod = "example.invalid/m/@v/v1.0.0.mod";
    private const string Zip = "example.invalid/m/@v/v1.0.0.zip";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AMissedInfoStoresTheVersionsModAndZipBeforeTheClientAsks()
    {
        using var temp = new TempFolder();
        var folder = new ModuleFolder(temp.Sub("upstream")).Add("example.invalid/m", "v1.0.0");
        await using var upstream = await TestUpstream.StartAsync(folder);
        await using var gateway = await Gateways.StartAsync(temp.Sub("cache"), upstream.Address);
        using var http = Gateways.Client(gateway);

        Assert.Equal(200, (int)(await http.GetAsync("/" + Info, Ct)).StatusCode);
        await WaitUntilAsync(() => gateway.Cache.GetPin(Mod) is not null && gateway.Cache.GetPin(Zip) is not null);

        Assert.Equal(File.ReadAllBytes(folder.PathOf("example.invalid/m", "v1.0.0", "mod")), await http.GetByteArrayAsync("/" + Mod, Ct));
        Assert.Equal(File.ReadAllBytes(folder.PathOf("example.invalid/m", "v1.0.0", "zip")), await http.GetByteArrayAsync("/" + Zip, Ct));
        Assert.Equal([1, 1, 1], new[] { upstream.Count(Info), upstream.Count(Mod), upstream.Count(Zip) });
        Assert.Equal(2, gateway.Metrics.Prefetches);
        Assert.Equal(2, gateway.Metrics.Hits);
        Assert.Contains("godocker_proxy_prefetches_total 2", await http.GetStringAsync("/metrics", Ct));
    }

    [Fact]
    public async Task AClientAskingWhileThePrefetchRunsJoinsItInsteadOfFetchingAgain()
    {
        using var temp = new TempFolder();
        var folder = new ModuleFolder(temp.Sub("upstream")).Add("example.invalid/m", "v1.0.0", new string('x', 100_000));
        await using var upstream = await TestUpstream.StartAsync(folder);
        upstream.ZipPause = TimeSpan.FromSeconds(2);  // long enough that a slow test thread still asks mid-fetch
        await using var gateway = await Gateways.StartAsync(temp.Sub("cache"), upstream.Address);
        using var http = Gateways.Client(gateway);

        await http.GetAsync("/" + Info, Ct);
        await WaitUntilAsync(() => upstream.Count(Zip) == 1);
        var zip = await http.GetByteArrayAsync("/" + Zip, Ct);

        Assert.Equal(File.ReadAllBytes(folder.PathOf("example.invalid/m", "v1.0.0", "zip")), zip);
        Assert.Equal(1, upstream.Count(Zip));
        Assert.True(gateway.Metrics.SingleFlightJoins >= 1, "the client's request joined the prefetch");
    }

    [Fact]
    public async Task AFailedPrefetchIsNotKeptAndTheClientsOwnRequestFetchesAgain()
    {
        using var temp = new TempFolder();
        var folder = new ModuleFolder(temp.Sub("upstream")).Add("example.invalid/m", "v1.0.0");
        await using var upstream = await TestUpstream.StartAsync(folder);
        upstream.FailPaths[Zip] = 503;
        await using var gateway = await Gateways.StartAsync(temp.Sub("cache"), upstream.Address);
        using var http = Gateways.Client(gateway);

        Assert.Equal(200, (int)(await http.GetAsync("/" + Info, Ct)).StatusCode);
        await WaitUntilAsync(() => upstream.Count(Zip) == 1 && gateway.Cache.GetPin(Mod) is not null);
        Assert.Null(gateway.Cache.GetPin(Zip));

        upstream.FailPaths.Clear();
        Assert.Equal(File.ReadAllBytes(folder.PathOf("example.invalid/m", "v1.0.0", "zip")), await http.GetByteArrayAsync("/" + Zip, Ct));
        Assert.Equal(2, upstream.Count(Zip));
    }

    [Fact]
    public async Task AVersionTheUpstreamDoesNotHaveLeavesNothingBehind()
    {
        using var temp = new TempFolder();
        var folder = new ModuleFolder(temp.Sub("upstream")).Add("example.invalid/m", "v1.0.0");
        await using var upstream = await TestUpstream.StartAsync(folder);
        await using var gateway = await Gateways.StartAsync(temp.Sub("cache"), upstream.Address);
        using var http = Gateways.Client(gateway);

        Assert.Equal(404, (int)(await http.GetAsync("/example.invalid/m/@v/v9.9.9.info", Ct)).StatusCode);
        await WaitUntilAsync(() => upstream.Count("example.invalid/m/@v/v9.9.9.mod") == 1);
        Assert.Equal(404, (int)(await http.GetAsync("/example.invalid/m/@v/v9.9.9.zip", Ct)).StatusCode);

        // The zip is prefetched only once the .info is stored: for a refused .info only the client asked for it.
        Assert.Equal(1, upstream.Count("example.invalid/m/@v/v9.9.9.zip"));
        Assert.Empty(gateway.Cache.Pins());
    }

    [Fact]
    public async Task WithNoPrefetchOnlyTheFileAskedForIsFetched()
    {
        using var temp = new TempFolder();
        var folder = new ModuleFolder(temp.Sub("upstream")).Add("example.invalid/m", "v1.0.0");
        await using var upstream = await TestUpstream.StartAsync(folder);
        var options = ServeCommandLine.Parse("--no-prefetch");
        Assert.True(ServeCommandLine.Parse().PrefetchVersions);
        Assert.False(options.PrefetchVersions);
        await using var gateway = await Gateways.StartAsync(temp.Sub("cache"), upstream.Address, o => o with { PrefetchVersions = options.PrefetchVersions });
        using var http = Gateways.Client(gateway);

        Assert.Equal(200, (int)(await http.GetAsync("/" + Info, Ct)).StatusCode);
        await Task.Delay(300, Ct);

        Assert.Equal(1, upstream.TotalRequests);
        Assert.Null(gateway.Cache.GetPin(Zip));
        Assert.Equal(0, gateway.Metrics.Prefetches);
    }

    private static async Task WaitUntilAsync(Func<bool> condition) =>
        Assert.True(await Poll.UntilAsync(condition, TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(10), Ct), "timed out waiting for the prefetch");
}
