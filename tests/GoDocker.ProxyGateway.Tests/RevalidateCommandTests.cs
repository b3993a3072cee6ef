using System.CommandLine;
using System.Text;
using System.Text.Json;
using GoDocker.Cli;
using GoDocker.Cli.Commands;
using GoDocker.Core.Credentials;
using GoDocker.ProxyGateway.Hosting;
using GoDocker.ProxyGateway.Tests.Infrastructure;

namespace GoDocker.ProxyGateway.Tests;

/// <summary>
/// `godocker proxy revalidate` and `godocker proxy --revalidate-every`, run in-process through the real command line
/// parsing: what a platform engineer sees, and the exit code a cron job or CI step acts on.
/// </summary>
public sealed class RevalidateCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_re_published_version_is_printed_as_GD3050_naming_module_at_version_and_the_command_exits_1()
    {
        using var temp = new TempFolder();
        var folder = new ModuleFolder(temp.Sub("upstream")).Add("example.invalid/m", "v1.0.0").Add("example.invalid/Beta", "v0.3.0-RC1", "original");
        await using var upstream = await TestUpstream.StartAsync(folder);
        await using var gateway = await PinThroughGatewayAsync(temp, upstream, "example.invalid/m@v1.0.0", "example.invalid/Beta@v0.3.0-RC1");

        folder.Add("example.invalid/Beta", "v0.3.0-RC1", "tampered");
        var (exit, output, _) = await RunAsync(Ct, "revalidate", "--cache", temp.Sub("cache"), "--upstream", Goproxy(upstream));

        Assert.Equal(ExitCodes.Errors, exit);
        var line = Assert.Single(output.Split('\n'), l => l.Contains("GD3050", StringComparison.Ordinal));
        Assert.StartsWith($"godocker: warning GD3050: example.invalid/Beta@v0.3.0-RC1: upstream {Goproxy(upstream)} now serves other bytes for example.invalid/!beta/@v/v0.3.0-!r!c1.zip", line);
        Assert.Contains("keeps serving the pinned content", line);
        Assert.Contains("revalidate: 6 files checked, 1 changed, 0 unreachable", output);
    }

    [Fact]
    public async Task An_unchanged_cache_exits_0_and_says_how_many_files_it_checked()
    {
        using var temp = new TempFolder();
        var folder = new ModuleFolder(temp.Sub("upstream")).Add("example.invalid/m", "v1.0.0");
        await using var upstream = await TestUpstream.StartAsync(folder);
        await using var gateway = await PinThroughGatewayAsync(temp, upstream, "example.invalid/m@v1.0.0");

        var (exit, output, _) = await RunAsync(Ct, "revalidate", "--cache", temp.Sub("cache"), "--upstream", Goproxy(upstream));

        Assert.Equal(ExitCodes.Success, exit);
        Assert.DoesNotContain("GD3050", output);
        Assert.Equal("revalidate: 3 files checked, 0 changed, 0 unreachable\n", output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task A_version_the_upstream_no_longer_has_is_listed_as_unreachable_not_as_changed()
    {
        using var temp = new TempFolder();
        var folder = new ModuleFolder(temp.Sub("upstream")).Add("example.invalid/m", "v1.0.0");
        await using var upstream = await TestUpstream.StartAsync(folder);
        await using var gateway = await PinThroughGatewayAsync(temp, upstream, "example.invalid/m@v1.0.0");

        File.Delete(folder.PathOf("example.invalid/m", "v1.0.0", "zip"));
        var (exit, output, _) = await RunAsync(Ct, "revalidate", "--cache", temp.Sub("cache"), "--upstream", Goproxy(upstream));

        Assert.Equal(ExitCodes.Success, exit);
        Assert.DoesNotContain("GD3050", output);
        Assert.Contains($"unreachable: example.invalid/m@v1.0.0 example.invalid/m/@v/v1.0.0.zip: gone upstream: {Goproxy(upstream)}/example.invalid/m/@v/v1.0.0.zip: 404", output);
        Assert.Contains("revalidate: 3 files checked, 0 changed, 1 unreachable", output);
    }

    [Fact]
    public async Task Json_output_holds_the_GD3050_diagnostic_and_the_changed_and_unreachable_files()
    {
        using var temp = new TempFolder();
        var folder = new ModuleFolder(temp.Sub("upstream")).Add("example.invalid/m", "v1.0.0", "original").Add("example.invalid/n", "v1.0.0");
        await using var upstream = await TestUpstream.StartAsync(folder);
        await using var gateway = await PinThroughGatewayAsync(temp, upstream, "example.invalid/m@v1.0.0", "example.invalid/n@v1.0.0");

        folder.Add("example.invalid/m", "v1.0.0", "tampered");
        upstream.FailPaths["example.invalid/n/@v/v1.0.0.mod"] = 503;
        var (exit, output, _) = await RunAsync(Ct, "revalidate", "--cache", temp.Sub("cache"), "--upstream", Goproxy(upstream), "--format", "json");

        Assert.Equal(ExitCodes.Errors, exit);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        var diagnostic = Assert.Single(root.GetProperty("diagnostics").EnumerateArray());
        Assert.Equal("GD3050", diagnostic.GetProperty("code").GetString());
        Assert.Equal("warning", diagnostic.GetProperty("severity").GetString());
        Assert.Equal(6, root.GetProperty("checked").GetInt32());
        var changed = Assert.Single(root.GetProperty("changed").EnumerateArray());
        Assert.Equal(("example.invalid/m", "v1.0.0", "example.invalid/m/@v/v1.0.0.zip"),
            (changed.GetProperty("module").GetString(), changed.GetProperty("version").GetString(), changed.GetProperty("file").GetString()));
        var unreachable = Assert.Single(root.GetProperty("unreachable").EnumerateArray());
        Assert.Equal("example.invalid/n/@v/v1.0.0.mod", unreachable.GetProperty("file").GetString());
        Assert.False(unreachable.GetProperty("gone").GetBoolean());
        Assert.Contains("503", unreachable.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Upstream_credentials_are_used_but_never_printed()
    {
        using var temp = new TempFolder();
        var folder = new ModuleFolder(temp.Sub("upstream")).Add("example.invalid/m", "v1.0.0", "original");
        await using var upstream = await TestUpstream.StartAsync(folder);
        const string secret = "s3cr3t-Tok3n";
        var basic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("builder:" + secret));
        upstream.RequiredAuthorization = basic;
        var netrc = temp.Sub("netrc");
        File.WriteAllText(netrc, $"machine 127.0.0.1 login builder password {secret}\n");
        await using var gateway = await PinThroughGatewayAsync(temp, upstream, o => o with { Credentials = NetrcCredentials.Parse(File.ReadAllText(netrc)) }, "example.invalid/m@v1.0.0");

        folder.Add("example.invalid/m", "v1.0.0", "tampered");
        upstream.FailPaths["example.invalid/m/@v/v1.0.0.info"] = 500;
        var (exit, output, error) = await RunAsync(Ct, "revalidate", "--cache", temp.Sub("cache"), "--upstream", Goproxy(upstream), "--netrc", netrc);

        Assert.Equal(ExitCodes.Errors, exit);
        Assert.Contains("revalidate: 3 files checked, 1 changed, 1 unreachable", output);
        Assert.All(upstream.SeenAuthorization, a => Assert.Equal(basic, a));
        foreach (var text in new[] { output, error })
        {
            Assert.DoesNotContain(secret, text);
            Assert.DoesNotContain(basic["Basic ".Length..], text);
        }
    }

    [Fact]
    public async Task Cancelling_stops_a_run_waiting_on_a_slow_upstream()
    {
        using var temp = new TempFolder();
        var folder = new ModuleFolder(temp.Sub("upstream")).Add("example.invalid/m", "v1.0.0");
        await using var upstream = await TestUpstream.StartAsync(folder);
        await using var gateway = await PinThroughGatewayAsync(temp, upstream, "example.invalid/m@v1.0.0");
        upstream.Delay = TimeSpan.FromSeconds(60);

        // Ctrl+C cancels the command's token; the run must end now, not after the 60 s upstream timeout.
        using var ctrlC = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        ctrlC.CancelAfter(TimeSpan.FromMilliseconds(300));
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunAsync(ctrlC.Token, "revalidate", "--cache", temp.Sub("cache"), "--upstream", Goproxy(upstream)));

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"cancelled after {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task Revalidate_without_upstream_or_cache_and_an_offline_gateway_with_an_interval_are_usage_errors()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Sub("cache"));

        var noUpstream = await Assert.ThrowsAsync<UsageException>(() => RunAsync(Ct, "revalidate", "--cache", temp.Sub("cache")));
        Assert.Contains("--upstream", noUpstream.Message);
        var noCache = await Assert.ThrowsAsync<UsageException>(() => RunAsync(Ct, "revalidate", "--cache", temp.Sub("missing"), "--upstream", "http://127.0.0.1:9"));
        Assert.Contains(temp.Sub("missing"), noCache.Message);
        Assert.False(Directory.Exists(temp.Sub("missing")));
        var offline = await Assert.ThrowsAsync<UsageException>(() => RunAsync(Ct, "--cache", temp.Sub("cache"), "--offline", "--revalidate-every", "6h"));
        Assert.Contains("--revalidate-every", offline.Message);
        await Assert.ThrowsAsync<UsageException>(() => RunAsync(Ct, "--cache", temp.Sub("cache"), "--revalidate-every", "6h"));
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("0s")]
    [InlineData("6")]
    [InlineData("-1h")]
    public void A_re_check_interval_that_is_not_a_positive_Go_duration_is_a_parse_error(string value)
    {
        var parse = Parse("--cache", "/tmp/x", "--upstream", "http://127.0.0.1:9", "--revalidate-every", value);
        Assert.Contains(parse.Errors, e => e.Message.Contains("--revalidate-every", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("6h", 6 * 3600_000)]
    [InlineData("1h30m", 90 * 60_000)]
    [InlineData("1.5h", 90 * 60_000)]
    [InlineData("200ms", 200)]
    public void A_re_check_interval_is_read_as_a_Go_duration(string value, long milliseconds)
    {
        var parse = Parse("--cache", "/tmp/x", "--upstream", "http://127.0.0.1:9", "--revalidate-every", value);
        Assert.Empty(parse.Errors);
        var option = parse.CommandResult.Command.Options.OfType<Option<TimeSpan?>>().Single(o => o.Name == "--revalidate-every");
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), parse.GetValue(option));
    }

    private static string Goproxy(TestUpstream upstream) => upstream.Address.ToString().TrimEnd('/');

    private static Task<RunningGateway> PinThroughGatewayAsync(TempFolder temp, TestUpstream upstream, params string[] moduleVersions) =>
        PinThroughGatewayAsync(temp, upstream, null, moduleVersions);

    /// <summary>Pins the files through a gateway, which goes on serving the same cache while the command runs.</summary>
    private static async Task<RunningGateway> PinThroughGatewayAsync(TempFolder temp, TestUpstream upstream, Func<GatewayOptions, GatewayOptions>? configure, params string[] moduleVersions)
    {
        var gateway = await Gateways.StartAsync(temp.Sub("cache"), upstream.Address, configure);
        using var http = Gateways.Client(gateway);
        await ModuleFiles.PinAsync(http, moduleVersions);
        return gateway;
    }

    private static ParseResult Parse(params string[] proxyArgs)
    {
        var root = new RootCommand { ProxyCommand.Create() };
        return root.Parse(["proxy", .. proxyArgs]);
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(CancellationToken cancellationToken, params string[] proxyArgs)
    {
        var parse = Parse(proxyArgs);
        Assert.Empty(parse.Errors);
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var exit = await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, cancellationToken);
        return (exit, output.ToString(), error.ToString());
    }
}
