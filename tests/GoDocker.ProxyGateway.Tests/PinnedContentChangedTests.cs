using GoDocker.ProxyGateway.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace GoDocker.ProxyGateway.Tests;

/// <summary>
/// GD3050 as users meet it: the gateway's log line, and the body of the answer that the go command prints, when an
/// upstream re-publishes a version the gateway has pinned.
/// </summary>
public sealed class PinnedContentChangedTests
{
    [Fact]
    public async Task Revalidating_a_re_published_version_logs_GD3050_naming_the_module_version_and_what_to_do()
    {
        using var temp = new TempFolder();
        var folder = new ModuleFolder(temp.Sub("upstream")).Add("example.invalid/Beta", "v0.3.0-RC1", "original");
        await using var upstream = await TestUpstream.StartAsync(folder);
        var logs = new CollectingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs));
        await using var gateway = await Gateways.StartAsync(temp.Sub("cache"), upstream.Address, o => o with { LoggerFactory = loggerFactory });
        using var http = Gateways.Client(gateway);
        const string zip = "/example.invalid/!beta/@v/v0.3.0-!r!c1.zip";
        var original = await http.GetByteArrayAsync(zip, TestContext.Current.CancellationToken);

        // Someone re-publishes v0.3.0-RC1 with other content.
        folder.Add("example.invalid/Beta", "v0.3.0-RC1", "tampered");
        await gateway.Revalidator.RevalidateAsync(TestContext.Current.CancellationToken);

        var line = Assert.Single(logs.Lines, l => l.Contains("GD3050", StringComparison.Ordinal));
        Assert.True(line.StartsWith($"Warning GD3050: example.invalid/Beta@v0.3.0-RC1: upstream {upstream.Address.ToString().TrimEnd('/')} now serves other bytes", StringComparison.Ordinal), line);
        Assert.Contains("example.invalid/!beta/@v/v0.3.0-!r!c1.zip", line);
        Assert.Contains("keeps serving the pinned content", line);
        Assert.Contains("find out who re-published example.invalid/Beta@v0.3.0-RC1 before trusting it", line);
        Assert.Equal(original, await http.GetByteArrayAsync(zip, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Go_mod_download_of_a_re_published_version_whose_pinned_content_was_evicted_prints_GD3050()
    {
        GoClient.SkipIfMissing();
        using var temp = new TempFolder();
        var folder = new ModuleFolder(temp.Sub("upstream"))
            .Add("example.invalid/m", "v1.0.0", new string('a', 50_000))
            .Add("example.invalid/n", "v1.0.0", new string('b', 50_000));
        await using var upstream = await TestUpstream.StartAsync(folder);
        var zipSize = new FileInfo(folder.PathOf("example.invalid/m", "v1.0.0", "zip")).Length;
        var logs = new CollectingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs));
        await using var gateway = await Gateways.StartAsync(temp.Sub("cache"), upstream.Address, o => o with { MaxCacheBytes = zipSize + 100, LoggerFactory = loggerFactory });
        var goproxy = gateway.Address.ToString().TrimEnd('/');
        await GoClient.ModDownloadAsync(GoClient.WriteProject(temp.Sub("first"), "example.invalid/m v1.0.0"), goproxy, temp.Sub("go-first"));
        using (var http = Gateways.Client(gateway))
        {
            await http.GetByteArrayAsync("/example.invalid/n/@v/v1.0.0.zip", TestContext.Current.CancellationToken);
        }

        Assert.False(gateway.Blobs.Has(gateway.Cache.GetPin("example.invalid/m/@v/v1.0.0.zip")!.Sha256), "m's zip was evicted");

        folder.Add("example.invalid/m", "v1.0.0", "tampered");
        var (exitCode, output) = await GoClient.RunAsync(GoClient.WriteProject(temp.Sub("second"), "example.invalid/m v1.0.0"), goproxy, temp.Sub("go-second"), null, "mod", "download", "all");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("502 Bad Gateway", output);
        Assert.True(output.Contains($"server response: GD3050: example.invalid/m@v1.0.0: upstream {upstream.Address.ToString().TrimEnd('/')} now serves other bytes", StringComparison.Ordinal), output);
        Assert.Contains("refuses to serve this file rather than serve the new bytes", output);
        Assert.Contains("find out who re-published example.invalid/m@v1.0.0 before trusting it", output);
        Assert.Single(logs.Lines, l => l.StartsWith("Warning GD3050: example.invalid/m@v1.0.0:", StringComparison.Ordinal));
    }
}
