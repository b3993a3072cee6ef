using GoDocker.ProxyGateway.Tests.Infrastructure;

namespace GoDocker.ProxyGateway.Tests;

/// <summary>The acceptance runs with the real go 1.19 client on 127.0.0.1.</summary>
public sealed class GoClientTests
{
    private static ModuleFolder SampleModules(string root) => new ModuleFolder(root)
        .Add("example.invalid/alpha", "v1.0.0")
        .Add("example.invalid/alpha", "v1.2.0", "second")
        .Add("example.invalid/Beta", "v0.3.0-RC1", "uppercase path and version")
        .Add("example.invalid/gamma", "v2.0.0+incompatible", "incompatible", "example.invalid/alpha v1.0.0");

    private static readonly string[] Requires =
    [
        "example.invalid/alpha v1.2.0",
        "example.invalid/Beta v0.3.0-RC1",
        "example.invalid/gamma v2.0.0+incompatible",
    ];

    [Fact]
    public async Task ModDownloadThroughGatewayWritesTheSameGoSumAsTheUpstreamDirectly()
    {
        GoClient.SkipIfMissing();
        using var temp = new TempFolder();
        var folder = SampleModules(temp.Sub("upstream"));
        var direct = await GoClient.ModDownloadAsync(GoClient.WriteProject(temp.Sub("direct"), Requires), folder.FileUrl, temp.Sub("go-direct"));

        await using var upstream = await TestUpstream.StartAsync(folder);
        await using var gateway = await Gateways.StartAsync(temp.Sub("cache"), upstream.Address);
        var via = await GoClient.ModDownloadAsync(GoClient.WriteProject(temp.Sub("via"), Requires), gateway.Address.ToString().TrimEnd('/'), temp.Sub("go-via"));

        Assert.Contains("example.invalid/Beta v0.3.0-RC1 h1:", direct);
        Assert.Equal(direct, via);
        Assert.True(gateway.Metrics.UpstreamFetches > 0);

        // The h1 the gateway recorded before making each file visible is the one go wrote into go.sum.
        foreach (var line in direct.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')))
        {
            var isMod = line[1].EndsWith("/go.mod", StringComparison.Ordinal);
            var version = isMod ? line[1][..^"/go.mod".Length] : line[1];
            var key = $"{GoDocker.Core.Modules.ModulePath.EscapePath(line[0])}/@v/{GoDocker.Core.Modules.ModulePath.EscapeVersion(version)}.{(isMod ? "mod" : "zip")}";
            Assert.Equal(line[2], gateway.Cache.GetPin(key)?.H1);
        }

        // A second client is served entirely from the cache.
        var before = upstream.TotalRequests;
        var again = await GoClient.ModDownloadAsync(GoClient.WriteProject(temp.Sub("again"), Requires), gateway.Address.ToString().TrimEnd('/'), temp.Sub("go-again"));
        Assert.Equal(direct, again);
        Assert.Equal(before, upstream.TotalRequests);
    }

    [Fact]
    public async Task SnapshotExportedAndImportedIntoAnAirGappedGatewayServesTheSameGoSum()
    {
        GoClient.SkipIfMissing();
        using var temp = new TempFolder();
        var folder = SampleModules(temp.Sub("upstream"));
        string expected;
        var archive = temp.Sub("snapshot.tar");
        await using (var upstream = await TestUpstream.StartAsync(folder))
        await using (var gateway = await Gateways.StartAsync(temp.Sub("cache"), upstream.Address))
        {
            expected = await GoClient.ModDownloadAsync(GoClient.WriteProject(temp.Sub("online"), Requires), gateway.Address.ToString().TrimEnd('/'), temp.Sub("go-online"));
            await gateway.Snapshots.CreateAsync("release-1", TestContext.Current.CancellationToken);

            // Served read-only under /snapshots/<name>/ by the running gateway as well.
            var viaSnapshot = await GoClient.ModDownloadAsync(GoClient.WriteProject(temp.Sub("snap"), Requires), gateway.Address + "snapshots/release-1", temp.Sub("go-snap"));
            Assert.Equal(expected, viaSnapshot);
            await gateway.Snapshots.ExportAsync("release-1", archive, TestContext.Current.CancellationToken);
        }

        // Air-gapped: no upstream at all, offline.
        await using var isolated = await Gateways.StartAsync(temp.Sub("airgap-cache"), upstream: null, o => o with { Offline = true });
        var imported = await isolated.Snapshots.ImportAsync(archive, TestContext.Current.CancellationToken);
        Assert.Equal("release-1", imported.Name);
        await isolated.Snapshots.UseAsync("release-1", TestContext.Current.CancellationToken);

        var offline = await GoClient.ModDownloadAsync(GoClient.WriteProject(temp.Sub("offline"), Requires), isolated.Address.ToString().TrimEnd('/'), temp.Sub("go-offline"));
        Assert.Equal(expected, offline);
        Assert.Equal(0, isolated.Metrics.UpstreamFetches);
    }
}
