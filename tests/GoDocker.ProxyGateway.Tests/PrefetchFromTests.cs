using GoDocker.Core.Diagnostics;
using GoDocker.ProxyGateway.Hosting;
using GoDocker.ProxyGateway.Protocol;
using GoDocker.ProxyGateway.Tests.Infrastructure;

namespace GoDocker.ProxyGateway.Tests;

/// <summary>--prefetch-from: a gateway that is handed a project's go.sum fetches what it names before the go command asks.</summary>
public sealed class PrefetchFromTests
{
    private static readonly string[] Requires =
    [
        "example.invalid/alpha v1.2.0",
        "example.invalid/Beta v0.3.0-RC1",
        "example.invalid/gamma v2.0.0+incompatible",
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ModuleFolder SampleModules(string root) => new ModuleFolder(root)
        .Add("example.invalid/alpha", "v1.0.0")
        .Add("example.invalid/alpha", "v1.2.0", "second")
        .Add("example.invalid/Beta", "v0.3.0-RC1", "uppercase path and version")
        .Add("example.invalid/gamma", "v2.0.0+incompatible", "incompatible", "example.invalid/alpha v1.0.0");

    [Fact]
    public async Task A_gateway_handed_a_go_sum_fetches_each_file_it_names_once_before_anyone_asks_and_the_go_command_then_needs_no_upstream()
    {
        GoClient.SkipIfMissing();
        using var temp = new TempFolder();
        var folder = SampleModules(temp.Sub("upstream"));
        var project = GoClient.WriteProject(temp.Sub("project"), Requires);
        var goSum = await GoClient.ModDownloadAsync(project, folder.FileUrl, temp.Sub("go-direct"));
        await using var upstream = await TestUpstream.StartAsync(folder);

        await using var gateway = await Gateways.StartAsync(temp.Sub("cache"), upstream.Address, o => o with { PrefetchFrom = Path.Combine(project, "go.sum") });
        await gateway.Prefetched.WaitAsync(TimeSpan.FromSeconds(60), Ct);

        var expected = ModuleWarmer.ReadList(Path.Combine(project, "go.sum")).Select(r => r.Key).ToArray();
        Assert.Equal(9, expected.Length);  // .info, .mod and .zip of the three required versions
        Assert.All(expected, key => Assert.Equal(1, upstream.Count(key)));
        Assert.Equal(expected.Length, upstream.TotalRequests);
        Assert.All(expected, key => Assert.NotNull(gateway.Cache.GetPin(key)));

        var via = await GoClient.ModDownloadAsync(GoClient.WriteProject(temp.Sub("via"), Requires), gateway.Address.ToString().TrimEnd('/'), temp.Sub("go-via"));
        Assert.Equal(goSum, via);
        Assert.Equal(expected.Length, upstream.TotalRequests);
    }

    [Fact]
    public void The_list_puts_every_info_and_mod_before_the_zips_as_the_go_command_asks_for_them()
    {
        using var temp = new TempFolder();
        var goSum = temp.Sub("go.sum");
        File.WriteAllText(goSum, """
            example.invalid/a v1.0.0 h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=
            example.invalid/a v1.0.0/go.mod h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=
            example.invalid/b v0.1.0/go.mod h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=
            example.invalid/C v2.0.0+incompatible h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=
            example.invalid/C v2.0.0+incompatible/go.mod h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=

            """);

        var keys = ModuleWarmer.ReadList(goSum).Select(r => r.Key).ToArray();

        Assert.Equal(
        [
            "example.invalid/a/@v/v1.0.0.info",
            "example.invalid/a/@v/v1.0.0.mod",
            "example.invalid/b/@v/v0.1.0.mod",
            "example.invalid/!c/@v/v2.0.0+incompatible.info",
            "example.invalid/!c/@v/v2.0.0+incompatible.mod",
            "example.invalid/a/@v/v1.0.0.zip",
            "example.invalid/!c/@v/v2.0.0+incompatible.zip",
        ], keys);
    }

    [Fact]
    public async Task A_go_sum_that_cannot_be_read_fails_the_start_naming_the_option()
    {
        using var temp = new TempFolder();
        var missing = temp.Sub("nowhere/go.sum");

        var e = await Assert.ThrowsAsync<DiagnosticException>(() =>
            Gateways.StartAsync(temp.Sub("cache"), new Uri("http://127.0.0.1:9/"), o => o with { PrefetchFrom = missing }));

        Assert.Equal(DiagnosticCatalog.InvalidCommandLineValue.Code, e.Diagnostic.Code);
        Assert.Contains("--prefetch-from", e.Diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains(missing, e.Diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_command_line_takes_the_go_sum_to_prefetch()
    {
        Assert.Equal("/src/app/go.sum", ServeCommandLine.Parse("--prefetch-from", "/src/app/go.sum").PrefetchFrom);
        Assert.Null(ServeCommandLine.Parse().PrefetchFrom);
    }

    [Fact]
    public async Task An_offline_gateway_has_nothing_to_prefetch_and_starts_anyway()
    {
        using var temp = new TempFolder();

        await using var gateway = await Gateways.StartAsync(temp.Sub("cache"), upstream: null, o => o with { Offline = true, PrefetchFrom = temp.Sub("nowhere/go.sum") });

        Assert.True(gateway.Prefetched.IsCompletedSuccessfully);
    }
}
