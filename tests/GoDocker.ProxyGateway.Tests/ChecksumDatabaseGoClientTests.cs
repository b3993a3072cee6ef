using GoDocker.ProxyGateway.Tests.Infrastructure;
using GoDocker.ProxyGateway.Upstreams;

namespace GoDocker.ProxyGateway.Tests;

/// <summary>
/// The /sumdb/ proxy with the real go 1.19 client and a real signed checksum database (golang.org/x/mod/sumdb's
/// server, built from the toolchain's vendored copy): GOSUMDB stays on, verification happens, and private module
/// paths never reach the database.
/// </summary>
public sealed class ChecksumDatabaseGoClientTests
{
    private const string Name = "sum.example.invalid";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static Dictionary<string, string> SumdbOn(ChecksumDatabaseServer sumdb, string? noSumdb = null) => new()
    {
        ["GOSUMDB"] = sumdb.VerifierKey,
        ["GONOSUMDB"] = noSumdb ?? "",
        ["GOPRIVATE"] = "",
    };

    [Fact]
    public async Task Go_verifies_checksums_through_the_gateway_and_again_from_its_cache_offline_with_the_database_gone()
    {
        GoClient.SkipIfMissing();
        using var temp = new TempFolder();
        var folder = new ModuleFolder(temp.Sub("upstream")).Add("example.invalid/alpha", "v1.0.0").Add("example.invalid/Beta", "v0.3.0", "uppercase");
        string[] requires = ["example.invalid/alpha v1.0.0", "example.invalid/Beta v0.3.0"];
        await using var sumdb = await ChecksumDatabaseServer.StartAsync(Name, folder.Root, Cancel);
        await using var upstream = await TestUpstream.StartAsync(folder);
        var databases = new Dictionary<string, Uri> { [Name] = sumdb.Address };
        await using (var online = await Gateways.StartAsync(temp.Sub("cache"), upstream.Address, o => o with { ChecksumDatabases = databases }))
        {
            var (exit, output) = await GoClient.RunAsync(GoClient.WriteProject(temp.Sub("online"), requires), online.Address.ToString().TrimEnd('/'), temp.Sub("go-online"), null, SumdbOn(sumdb), "mod", "download", "all");

            Assert.True(exit == 0, output);
            Assert.Contains(sumdb.Requests, r => r.StartsWith("/lookup/example.invalid/alpha@v1.0.0", StringComparison.Ordinal));
            Assert.Contains(sumdb.Requests, r => r.StartsWith("/tile/", StringComparison.Ordinal));
            Assert.True(online.Metrics.SumdbUpstreamFetches > 0);
        }

        // The database is gone; the offline gateway has no module upstream at all.
        await sumdb.DisposeAsync();
        await using var offline = await Gateways.StartAsync(temp.Sub("cache"), null, o => o with { ChecksumDatabases = databases });
        var (again, againOutput) = await GoClient.RunAsync(GoClient.WriteProject(temp.Sub("offline"), requires), offline.Address.ToString().TrimEnd('/'), temp.Sub("go-offline"), null, SumdbOn(sumdb), "mod", "download", "all");

        Assert.True(again == 0, againOutput);
        Assert.True(offline.Metrics.SumdbHits > 0);
        Assert.Contains("example.invalid/Beta v0.3.0 h1:", File.ReadAllText(Path.Combine(temp.Sub("offline"), "go.sum")));
    }

    [Fact]
    public async Task A_private_module_lookup_from_go_is_refused_by_the_gateway_and_never_reaches_the_database()
    {
        GoClient.SkipIfMissing();
        using var temp = new TempFolder();
        var folder = new ModuleFolder(temp.Sub("upstream")).Add("example.invalid/alpha", "v1.0.0").Add("example.invalid/secret", "v1.0.0", "private");
        await using var sumdb = await ChecksumDatabaseServer.StartAsync(Name, folder.Root, Cancel);
        await using var upstream = await TestUpstream.StartAsync(folder);
        await using var gateway = await Gateways.StartAsync(temp.Sub("cache"), upstream.Address, o => o with
        {
            ChecksumDatabases = new Dictionary<string, Uri> { [Name] = sumdb.Address },
            ModuleRules = [ModuleRule.ForPatterns("example.invalid/secret", ModuleRouteAction.Passthrough)],
        });
        var goproxy = gateway.Address.ToString().TrimEnd('/');
        string[] requires = ["example.invalid/alpha v1.0.0", "example.invalid/secret v1.0.0"];

        // A client that forgot GONOSUMDB: go asks the checksum database about the private module through the gateway.
        var (exit, output) = await GoClient.RunAsync(GoClient.WriteProject(temp.Sub("leaky"), requires), goproxy, temp.Sub("go-leaky"), null, SumdbOn(sumdb), "mod", "download", "all");
        var (fixedExit, fixedOutput) = await GoClient.RunAsync(GoClient.WriteProject(temp.Sub("fixed"), requires), goproxy, temp.Sub("go-fixed"), null, SumdbOn(sumdb, "example.invalid/secret"), "mod", "download", "all");

        Assert.NotEqual(0, exit);
        Assert.Contains("private to this gateway", output, StringComparison.Ordinal);
        Assert.True(fixedExit == 0, fixedOutput);
        Assert.Contains(sumdb.Requests, r => r.Contains("alpha", StringComparison.Ordinal));
        Assert.DoesNotContain(sumdb.Requests, r => r.Contains("secret", StringComparison.Ordinal));
    }
}
