using GoDocker.ProxyGateway.Tests.Infrastructure;
using GoDocker.ProxyGateway.Upstreams;

namespace GoDocker.ProxyGateway.Tests;

/// <summary>
/// The /sumdb/ proxy against a fake checksum database that serves answers in the recorded wire format (signed tree
/// head text, lookup records, tile bytes) from files: these check caching, offline serving and privacy, not
/// signatures (the go client checks those; a real signed database is not built here).
/// </summary>
public sealed class ChecksumDatabaseProxyTests
{
    private const string Name = "sum.example.invalid";
    private const string Latest = "go.sum database tree\n42\nRnFHQ9vBC2vKx0jV9+8lZK8q3rzRQ6P3Sqn7LNFJ7aA=\n\n— sum.example.invalid Az3grsTnC1U9Lri4cAyKq==\n";
    private const string Lookup = "lookup/example.invalid/!m@v1.0.0";
    private const string Record = "41\nexample.invalid/M v1.0.0 h1:abc=\nexample.invalid/M v1.0.0/go.mod h1:def=\n\ngo.sum database tree\n42\n";
    private const string Tile = "tile/8/0/000";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static ModuleFolder FakeDatabase(TempFolder temp)
    {
        var folder = new ModuleFolder(temp.Sub("sumdb"));
        void Write(string path, byte[] content)
        {
            var file = Path.Combine(folder.Root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllBytes(file, content);
        }

        Write("latest", System.Text.Encoding.UTF8.GetBytes(Latest));
        Write(Lookup, System.Text.Encoding.UTF8.GetBytes(Record));
        Write(Tile, Enumerable.Range(0, 8192).Select(i => (byte)i).ToArray());
        return folder;
    }

    [Fact]
    public async Task RecordedFormatFake_LookupTileAndLatestAreServedFromTheCacheWithTheDatabaseDown()
    {
        using var temp = new TempFolder();
        var folder = FakeDatabase(temp);
        var sumdb = await TestUpstream.StartAsync(folder);
        await using var gateway = await Gateways.StartAsync(temp.Sub("cache"), null, o => o with
        {
            ChecksumDatabases = new Dictionary<string, Uri> { [Name] = sumdb.Address },
        });
        using var http = Gateways.Client(gateway);
        var lookupUrl = $"/sumdb/{Name}/lookup/example.invalid/%21m@v1.0.0";

        Assert.Equal(Record, await http.GetStringAsync(lookupUrl, Cancel));
        Assert.Equal(Record, await http.GetStringAsync(lookupUrl, Cancel));
        var tile = await http.GetByteArrayAsync($"/sumdb/{Name}/{Tile}", Cancel);
        Assert.Equal(Latest, await http.GetStringAsync($"/sumdb/{Name}/latest", Cancel));
        Assert.Equal(1, sumdb.Count(Lookup));

        await sumdb.DisposeAsync();

        Assert.Equal(Record, await http.GetStringAsync(lookupUrl, Cancel));
        Assert.Equal(tile, await http.GetByteArrayAsync($"/sumdb/{Name}/{Tile}", Cancel));
        Assert.Equal(Latest, await http.GetStringAsync($"/sumdb/{Name}/latest", Cancel));
        Assert.Equal(1, sumdb.Count(Lookup));
        Assert.Equal(1, sumdb.Count(Tile));
        var missing = await http.GetAsync($"/sumdb/{Name}/lookup/example.invalid/other@v1.0.0", Cancel);
        Assert.Equal(502, (int)missing.StatusCode);
    }

    [Fact]
    public async Task RecordedFormatFake_ACacheCarriedIntoAnAirGapIsServedWithoutAnyConfiguredDatabase()
    {
        using var temp = new TempFolder();
        var folder = FakeDatabase(temp);
        await using (var sumdb = await TestUpstream.StartAsync(folder))
        {
            await using var online = await Gateways.StartAsync(temp.Sub("cache"), null, o => o with
            {
                ChecksumDatabases = new Dictionary<string, Uri> { [Name] = sumdb.Address },
            });
            using var warm = Gateways.Client(online);
            await warm.GetStringAsync($"/sumdb/{Name}/lookup/example.invalid/%21m@v1.0.0", Cancel);
            await warm.GetStringAsync($"/sumdb/{Name}/latest", Cancel);
        }

        await using var offline = await Gateways.StartAsync(temp.Sub("cache"), null);
        using var http = Gateways.Client(offline);

        Assert.Equal(200, (int)(await http.GetAsync($"/sumdb/{Name}/supported", Cancel)).StatusCode);
        Assert.Equal(Record, await http.GetStringAsync($"/sumdb/{Name}/lookup/example.invalid/%21m@v1.0.0", Cancel));
        Assert.Equal(Latest, await http.GetStringAsync($"/sumdb/{Name}/latest", Cancel));
        Assert.Equal(404, (int)(await http.GetAsync($"/sumdb/{Name}/{Tile}", Cancel)).StatusCode);
        Assert.Equal(404, (int)(await http.GetAsync("/sumdb/sum.golang.org/supported", Cancel)).StatusCode);
    }

    [Fact]
    public async Task RecordedFormatFake_LatestIsAskedAgainAfterItsTtl()
    {
        using var temp = new TempFolder();
        var folder = FakeDatabase(temp);
        await using var sumdb = await TestUpstream.StartAsync(folder);
        await using var gateway = await Gateways.StartAsync(temp.Sub("cache"), null, o => o with
        {
            ChecksumDatabases = new Dictionary<string, Uri> { [Name] = sumdb.Address },
            ListTtl = TimeSpan.FromMilliseconds(300),
        });
        using var http = Gateways.Client(gateway);

        await http.GetStringAsync($"/sumdb/{Name}/latest", Cancel);
        await http.GetStringAsync($"/sumdb/{Name}/latest", Cancel);
        Assert.Equal(1, sumdb.Count("latest"));

        var newer = Latest.Replace("\n42\n", "\n43\n", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(folder.Root, "latest"), newer);
        await Task.Delay(400, Cancel);
        Assert.Equal(newer, await http.GetStringAsync($"/sumdb/{Name}/latest", Cancel));
        Assert.Equal(2, sumdb.Count("latest"));

        sumdb.FailWithStatus = 503;
        await Task.Delay(400, Cancel);
        Assert.Equal(newer, await http.GetStringAsync($"/sumdb/{Name}/latest", Cancel));
    }

    [Fact]
    public async Task RecordedFormatFake_APrivateModuleLookupIsRefusedAndNeverReachesTheDatabase()
    {
        using var temp = new TempFolder();
        var folder = FakeDatabase(temp);
        await using var sumdb = await TestUpstream.StartAsync(folder);
        await using var gateway = await Gateways.StartAsync(temp.Sub("cache"), null, o => o with
        {
            ChecksumDatabases = new Dictionary<string, Uri> { [Name] = sumdb.Address },
            ModuleRules = [ModuleRule.ForPatterns("*.corp.example,example.invalid/Secret", ModuleRouteAction.Passthrough)],
        });
        using var http = Gateways.Client(gateway);

        var corp = await http.GetAsync($"/sumdb/{Name}/lookup/git.corp.example/team/service@v1.2.3", Cancel);
        var cased = await http.GetAsync($"/sumdb/{Name}/lookup/example.invalid/%21secret/sub@v0.1.0", Cancel);

        Assert.Equal(404, (int)corp.StatusCode);
        Assert.Contains("private", await corp.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(404, (int)cased.StatusCode);
        Assert.Equal(0, sumdb.TotalRequests);
        Assert.Equal(Record, await http.GetStringAsync($"/sumdb/{Name}/lookup/example.invalid/%21m@v1.0.0", Cancel));
        Assert.Equal(1, sumdb.TotalRequests);
    }

    [Fact]
    public async Task RecordedFormatFake_ANarrowerPartialTileIsCutFromAWiderCachedOneWhenTheDatabaseIsDown()
    {
        using var temp = new TempFolder();
        var folder = FakeDatabase(temp);
        var wide = Enumerable.Range(0, 5 * 32).Select(i => (byte)(i * 7)).ToArray();
        Directory.CreateDirectory(Path.Combine(folder.Root, "tile/8/0/000.p"));
        File.WriteAllBytes(Path.Combine(folder.Root, "tile/8/0/000.p/5"), wide);
        var sumdb = await TestUpstream.StartAsync(folder);
        await using var gateway = await Gateways.StartAsync(temp.Sub("cache"), null, o => o with
        {
            ChecksumDatabases = new Dictionary<string, Uri> { [Name] = sumdb.Address },
        });
        using var http = Gateways.Client(gateway);
        Assert.Equal(wide, await http.GetByteArrayAsync($"/sumdb/{Name}/tile/8/0/000.p/5", Cancel));
        await sumdb.DisposeAsync();

        Assert.Equal(wide[..(3 * 32)], await http.GetByteArrayAsync($"/sumdb/{Name}/tile/8/0/000.p/3", Cancel));
        Assert.Equal(502, (int)(await http.GetAsync($"/sumdb/{Name}/tile/8/0/000.p/6", Cancel)).StatusCode);
        Assert.Equal(502, (int)(await http.GetAsync($"/sumdb/{Name}/tile/8/1/000.p/1", Cancel)).StatusCode);
    }

    [Fact]
    public async Task RecordedFormatFake_ASnapshotArchiveCarriesTheCachedAnswersIntoAnAirGappedCache()
    {
        using var temp = new TempFolder();
        var folder = FakeDatabase(temp);
        var modules = new ModuleFolder(temp.Sub("modules")).Add("example.invalid/m", "v1.0.0");
        var archive = temp.Sub("release.tar");
        await using (var sumdb = await TestUpstream.StartAsync(folder))
        await using (var upstream = await TestUpstream.StartAsync(modules))
        await using (var online = await Gateways.StartAsync(temp.Sub("cache"), upstream.Address, o => o with
        {
            ChecksumDatabases = new Dictionary<string, Uri> { [Name] = sumdb.Address },
        }))
        {
            using var warm = Gateways.Client(online);
            await ModuleFiles.PinAsync(warm, "example.invalid/m@v1.0.0");
            await warm.GetStringAsync($"/sumdb/{Name}/lookup/example.invalid/%21m@v1.0.0", Cancel);
            await warm.GetByteArrayAsync($"/sumdb/{Name}/{Tile}", Cancel);
            await online.Snapshots.CreateAsync("release", Cancel);
            await online.Snapshots.ExportAsync("release", archive, Cancel);
        }

        await GoDocker.ProxyGateway.Hosting.ProxyGatewayHost.OpenCache(new GoDocker.ProxyGateway.Hosting.GatewayOptions { CacheDirectory = temp.Sub("airgap") }).Snapshots.ImportAsync(archive, Cancel);
        await using var airgap = await Gateways.StartAsync(temp.Sub("airgap"), null);
        using var http = Gateways.Client(airgap);

        Assert.Equal(Record, await http.GetStringAsync($"/sumdb/{Name}/lookup/example.invalid/%21m@v1.0.0", Cancel));
        Assert.Equal(File.ReadAllBytes(Path.Combine(folder.Root, Tile)), await http.GetByteArrayAsync($"/sumdb/{Name}/{Tile}", Cancel));
    }

    [Fact]
    public async Task A_snapshot_archive_with_a_checksum_database_entry_outside_the_cache_shape_is_GD3054_and_imports_nothing()
    {
        using var temp = new TempFolder();
        var modules = new ModuleFolder(temp.Sub("modules")).Add("example.invalid/m", "v1.0.0");
        var archive = temp.Sub("release.tar");
        await using (var upstream = await TestUpstream.StartAsync(modules))
        await using (var online = await Gateways.StartAsync(temp.Sub("cache"), upstream.Address))
        {
            using var warm = Gateways.Client(online);
            await ModuleFiles.PinAsync(warm, "example.invalid/m@v1.0.0");
            await online.Snapshots.CreateAsync("release", Cancel);
            await online.Snapshots.ExportAsync("release", archive, Cancel);
        }

        // The archive rewritten with one forged entry that points outside sumdb/.
        var forged = temp.Sub("forged.tar");
        await using (var input = File.OpenRead(archive))
        await using (var reader = new System.Formats.Tar.TarReader(input))
        await using (var output = File.Create(forged))
        await using (var writer = new System.Formats.Tar.TarWriter(output, System.Formats.Tar.TarEntryFormat.Pax))
        {
            while (await reader.GetNextEntryAsync(copyData: true, Cancel) is { } entry)
            {
                await writer.WriteEntryAsync(entry, Cancel);
            }

            await writer.WriteEntryAsync(new System.Formats.Tar.PaxTarEntry(System.Formats.Tar.TarEntryType.RegularFile, "sumdb/sum.example.invalid/../../view") { DataStream = new MemoryStream("x"u8.ToArray()) }, Cancel);
        }

        var opened = GoDocker.ProxyGateway.Hosting.ProxyGatewayHost.OpenCache(new GoDocker.ProxyGateway.Hosting.GatewayOptions { CacheDirectory = temp.Sub("airgap") });
        var error = await Assert.ThrowsAsync<GoDocker.Core.Diagnostics.DiagnosticException>(() => opened.Snapshots.ImportAsync(forged, Cancel));

        Assert.Equal("GD3054", error.Diagnostic.Code);
        Assert.Empty(opened.Cache.Pins());
        Assert.False(File.Exists(Path.Combine(temp.Sub("airgap"), "view")));
    }
}
