using GoDocker.ProxyGateway.Cache;
using GoDocker.ProxyGateway.Tests.Infrastructure;
using static GoDocker.ProxyGateway.Tests.Infrastructure.CacheContent;

namespace GoDocker.ProxyGateway.Tests;

public sealed class CacheBehaviourTests
{
    private const string Zip = "example.invalid/m/@v/v1.0.0.zip";

    [Fact]
    public async Task FiftyConcurrentClientsForOneUncachedZipCauseExactlyOneUpstreamFetch()
    {
        using var temp = new TempFolder();
        var folder = new ModuleFolder(temp.Sub("upstream")).Add("example.invalid/m", "v1.0.0");
        await using var upstream = await TestUpstream.StartAsync(folder);
        upstream.Delay = TimeSpan.FromMilliseconds(500);
        await using var gateway = await Gateways.StartAsync(temp.Sub("cache"), upstream.Address);
        using var http = Gateways.Client(gateway);
        var expected = File.ReadAllBytes(folder.PathOf("example.invalid/m", "v1.0.0", "zip"));

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => http.GetByteArrayAsync("/" + Zip, TestContext.Current.CancellationToken))));

        Assert.Equal(1, upstream.Count(Zip));
        Assert.All(answers, a => Assert.Equal(expected, a));
        Assert.Equal(1, gateway.Metrics.UpstreamFetches);
        Assert.True(gateway.Metrics.SingleFlightJoins >= 1, "waiters joined the one fetch");
    }

    [Fact]
    public async Task AnUpstreamCutOffMidZipLeavesNothingVisibleAndTheNextRequestFetchesAgain()
    {
        using var temp = new TempFolder();
        var folder = new ModuleFolder(temp.Sub("upstream")).Add("example.invalid/m", "v1.0.0", new string('x', 200_000));
        await using var upstream = await TestUpstream.StartAsync(folder);
        await using var gateway = await Gateways.StartAsync(temp.Sub("cache"), upstream.Address);
        using var http = Gateways.Client(gateway);

        upstream.CutZipsHalfWay = true;
        var broken = await http.GetAsync("/" + Zip, TestContext.Current.CancellationToken);
        Assert.Equal(502, (int)broken.StatusCode);
        Assert.Null(gateway.Cache.GetPin(Zip));
        Assert.Empty(Directory.EnumerateFiles(temp.Sub("cache/tmp")));
        Assert.Empty(Directory.EnumerateFiles(temp.Sub("cache/blobs"), "*", SearchOption.AllDirectories));

        upstream.CutZipsHalfWay = false;
        var whole = await http.GetByteArrayAsync("/" + Zip, TestContext.Current.CancellationToken);
        Assert.Equal(File.ReadAllBytes(folder.PathOf("example.invalid/m", "v1.0.0", "zip")), whole);
        Assert.Equal(2, upstream.Count(Zip));
        Assert.Equal(Sha256Of(whole), gateway.Cache.GetPin(Zip)!.Sha256);
    }

    [Fact]
    public async Task AnUpstreamServingNewBytesForAPinnedVersionIsDetectedAndTheOriginalStillServed()
    {
        using var temp = new TempFolder();
        var folder = new ModuleFolder(temp.Sub("upstream")).Add("example.invalid/m", "v1.0.0", "original");
        await using var upstream = await TestUpstream.StartAsync(folder);
        await using var gateway = await Gateways.StartAsync(temp.Sub("cache"), upstream.Address);
        using var http = Gateways.Client(gateway);
        var original = await http.GetByteArrayAsync("/" + Zip, TestContext.Current.CancellationToken);

        // Someone re-publishes v1.0.0 with other content.
        folder.Add("example.invalid/m", "v1.0.0", "tampered");
        var report = await gateway.Revalidator.RevalidateAsync(TestContext.Current.CancellationToken);

        Assert.Equal([Zip], report.Changed.Select(c => c.Key));
        Assert.Equal(1, gateway.Metrics.ContentChanges);
        Assert.Equal(original, await http.GetByteArrayAsync("/" + Zip, TestContext.Current.CancellationToken));
        var metrics = await http.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
        Assert.Contains("godocker_proxy_content_changes_total 1", metrics);
    }

    [Fact]
    public async Task EvictedContentThatComesBackDifferentIsRefusedNotServed()
    {
        using var temp = new TempFolder();
        var folder = new ModuleFolder(temp.Sub("upstream"))
            .Add("example.invalid/m", "v1.0.0", new string('a', 50_000))
            .Add("example.invalid/n", "v1.0.0", new string('b', 50_000));
        await using var upstream = await TestUpstream.StartAsync(folder);
        var zipSize = new FileInfo(folder.PathOf("example.invalid/m", "v1.0.0", "zip")).Length;
        await using var gateway = await Gateways.StartAsync(temp.Sub("cache"), upstream.Address, o => o with { MaxCacheBytes = zipSize + 100 });
        using var http = Gateways.Client(gateway);

        await http.GetByteArrayAsync("/" + Zip, TestContext.Current.CancellationToken);
        await http.GetByteArrayAsync("/example.invalid/n/@v/v1.0.0.zip", TestContext.Current.CancellationToken);
        Assert.False(gateway.Blobs.Has(gateway.Cache.GetPin(Zip)!.Sha256), "least recently used zip evicted");

        folder.Add("example.invalid/m", "v1.0.0", "tampered");
        var response = await http.GetAsync("/" + Zip, TestContext.Current.CancellationToken);

        Assert.Equal(502, (int)response.StatusCode);
        Assert.Equal(1, gateway.Metrics.ContentChanges);
    }

    [Fact]
    public async Task EvictionNeverRemovesContentHeldByASnapshot()
    {
        using var temp = new TempFolder();
        var folder = new ModuleFolder(temp.Sub("upstream"))
            .Add("example.invalid/m", "v1.0.0", new string('a', 50_000))
            .Add("example.invalid/n", "v1.0.0", new string('b', 50_000))
            .Add("example.invalid/o", "v1.0.0", new string('c', 50_000));
        await using var upstream = await TestUpstream.StartAsync(folder);
        var zipSize = new FileInfo(folder.PathOf("example.invalid/m", "v1.0.0", "zip")).Length;
        await using var gateway = await Gateways.StartAsync(temp.Sub("cache"), upstream.Address, o => o with { MaxCacheBytes = 2 * zipSize + 100 });
        using var http = Gateways.Client(gateway);

        var held = await http.GetByteArrayAsync("/" + Zip, TestContext.Current.CancellationToken);
        await gateway.Snapshots.CreateAsync("keep", TestContext.Current.CancellationToken);
        await http.GetByteArrayAsync("/example.invalid/n/@v/v1.0.0.zip", TestContext.Current.CancellationToken);
        await http.GetByteArrayAsync("/example.invalid/o/@v/v1.0.0.zip", TestContext.Current.CancellationToken);

        Assert.True(gateway.Blobs.Has(gateway.Cache.GetPin(Zip)!.Sha256), "snapshot content is not evicted");
        Assert.False(gateway.Blobs.Has(gateway.Cache.GetPin("example.invalid/n/@v/v1.0.0.zip")!.Sha256), "the unheld LRU zip went instead");
        Assert.Equal(held, await http.GetByteArrayAsync("/snapshots/keep/" + Zip, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ListsAreRefreshedAfterTheirTtlAndServedStaleWhenUpstreamsFail()
    {
        using var temp = new TempFolder();
        var folder = new ModuleFolder(temp.Sub("upstream")).Add("example.invalid/m", "v1.0.0");
        await using var upstream = await TestUpstream.StartAsync(folder);
        await using var gateway = await Gateways.StartAsync(temp.Sub("cache"), upstream.Address, o => o with { ListTtl = TimeSpan.FromMilliseconds(200) });
        using var http = Gateways.Client(gateway);
        const string list = "/example.invalid/m/@v/list";

        Assert.Equal("v1.0.0\n", await http.GetStringAsync(list, TestContext.Current.CancellationToken));
        Assert.Equal("v1.0.0\n", await http.GetStringAsync(list, TestContext.Current.CancellationToken));
        Assert.Equal(1, upstream.Count(list[1..]));

        folder.Add("example.invalid/m", "v1.1.0");
        await Task.Delay(300, TestContext.Current.CancellationToken);
        Assert.Equal("v1.0.0\nv1.1.0\n", await http.GetStringAsync(list, TestContext.Current.CancellationToken));

        upstream.FailWithStatus = 500;
        await Task.Delay(300, TestContext.Current.CancellationToken);
        Assert.Equal("v1.0.0\nv1.1.0\n", await http.GetStringAsync(list, TestContext.Current.CancellationToken));
        Assert.Contains("godocker_proxy_stale_served_total 1", await http.GetStringAsync("/metrics", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task OfflineGatewayServesOnlyFromTheCache()
    {
        using var temp = new TempFolder();
        var folder = new ModuleFolder(temp.Sub("upstream")).Add("example.invalid/m", "v1.0.0").Add("example.invalid/n", "v1.0.0");
        await using (var upstream = await TestUpstream.StartAsync(folder))
        await using (var online = await Gateways.StartAsync(temp.Sub("cache"), upstream.Address))
        {
            using var http = Gateways.Client(online);
            await http.GetByteArrayAsync("/example.invalid/m/@v/v1.0.0.mod", TestContext.Current.CancellationToken);
        }

        await using var upstream2 = await TestUpstream.StartAsync(folder);
        await using var offline = await Gateways.StartAsync(temp.Sub("cache"), upstream2.Address, o => o with { Offline = true });
        using var client = Gateways.Client(offline);
        Assert.Equal(200, (int)(await client.GetAsync("/example.invalid/m/@v/v1.0.0.mod", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal("v1.0.0\n", await client.GetStringAsync("/example.invalid/m/@v/list", TestContext.Current.CancellationToken));
        Assert.Equal(404, (int)(await client.GetAsync("/example.invalid/n/@v/v1.0.0.mod", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(0, upstream2.TotalRequests);
    }

    [Fact]
    public async Task AZipThatIsNotAModuleZipNeverBecomesVisible()
    {
        using var temp = new TempFolder();
        var folder = new ModuleFolder(temp.Sub("upstream")).Add("example.invalid/m", "v1.0.0");
        File.WriteAllBytes(folder.PathOf("example.invalid/m", "v1.0.0", "zip"), "PK\u0003\u0004 not really a zip"u8.ToArray());
        await using var upstream = await TestUpstream.StartAsync(folder);
        await using var gateway = await Gateways.StartAsync(temp.Sub("cache"), upstream.Address);
        using var http = Gateways.Client(gateway);

        var response = await http.GetAsync("/" + Zip, TestContext.Current.CancellationToken);

        Assert.Equal(502, (int)response.StatusCode);
        Assert.Contains("invalid module file", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Null(gateway.Cache.GetPin(Zip));
        Assert.Empty(Directory.EnumerateFiles(temp.Sub("cache/tmp")));
    }

    [Theory]
    [InlineData(100)]
    [InlineData(HashedTempFile.UnsyncedLimit + 1)]
    public async Task CommitsLeaveNothingInTmpWhetherTheirContentWasMovedInOrWasThereAlready(int size)
    {
        using var temp = new TempFolder();
        var (cache, _) = GoDocker.ProxyGateway.Hosting.ProxyGatewayHost.OpenCache(new() { CacheDirectory = temp.Sub("cache") });
        var bytes = Enumerable.Range(0, size).Select(i => (byte)i).ToArray();

        await PutAsync(cache, "example.invalid/a/@v/v1.0.0.mod", bytes);  // moved in
        await PutAsync(cache, "example.invalid/b/@v/v1.0.0.mod", bytes);  // same content there already
        await PutAsync(cache, "example.invalid/a/@v/v1.0.0.mod", bytes);  // pinned already

        Assert.Empty(Directory.EnumerateFiles(cache.Layout.TempFolder));
        Assert.Equal(bytes, await ReadAsync(cache, "example.invalid/a/@v/v1.0.0.mod"));
        Assert.Equal(bytes, await ReadAsync(cache, "example.invalid/b/@v/v1.0.0.mod"));
        Assert.Single(Directory.EnumerateFiles(cache.Layout.BlobsFolder, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task StartupAfterACrashRemovesTemporaryFilesAndKeepsPins()
    {
        using var temp = new TempFolder();
        var layout = new CacheLayout(temp.Sub("cache"));
        layout.EnsureFolders();
        File.WriteAllText(Path.Combine(layout.TempFolder, "abc.partial"), "half a zip");
        var (cache, _) = GoDocker.ProxyGateway.Hosting.ProxyGatewayHost.OpenCache(new() { CacheDirectory = layout.Root });
        Assert.Empty(Directory.EnumerateFiles(layout.TempFolder));
        Assert.Empty(cache.Pins());
    }

    [Fact]
    public async Task StartupKeepsTemporaryFilesOfARunningProcessAndDropsThoseOfAStoppedOne()
    {
        using var temp = new TempFolder();
        var layout = new CacheLayout(temp.Sub("cache"));
        layout.EnsureFolders();
        // A gateway serving this cache in another process is mid-download; a second one crashed mid-download.
        using var serving = System.Diagnostics.Process.Start("sleep", "30");
        var stopped = System.Diagnostics.Process.Start("true");
        await stopped.WaitForExitAsync(TestContext.Current.CancellationToken);
        var live = Path.Combine(layout.TempFolder, $"{serving.Id}-0123456789abcdef.partial");
        var dead = Path.Combine(layout.TempFolder, $"{stopped.Id}-fedcba9876543210.partial");
        File.WriteAllText(live, "downloading");
        File.WriteAllText(dead, "half a zip");
        try
        {
            GoDocker.ProxyGateway.Hosting.ProxyGatewayHost.OpenCache(new() { CacheDirectory = layout.Root });

            Assert.True(File.Exists(live), "the running process's download was deleted");
            Assert.False(File.Exists(dead), "the stopped process's leftover was kept");
            Assert.Equal(Environment.ProcessId, CacheLayout.TempFileWriter(layout.NewTempPath()));
        }
        finally
        {
            serving.Kill();
        }
    }
}
