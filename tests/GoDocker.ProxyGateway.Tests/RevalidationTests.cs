using GoDocker.ProxyGateway.Hosting;
using GoDocker.ProxyGateway.Tests.Infrastructure;
using GoDocker.ProxyGateway.Upstreams;
using Microsoft.Extensions.Logging;

namespace GoDocker.ProxyGateway.Tests;

/// <summary>
/// Re-checking the whole cache against upstream (CacheRevalidator.RevalidateAsync): what it reports, that it never
/// changes what the cache serves, and that one bad file or upstream does not end the run.
/// </summary>
public sealed class RevalidationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_re_published_version_is_reported_while_the_cache_keeps_serving_the_first_bytes_and_writes_nothing()
    {
        using var temp = new TempFolder();
        var folder = new ModuleFolder(temp.Sub("upstream")).Add("example.invalid/m", "v1.0.0", "original");
        await using var upstream = await TestUpstream.StartAsync(folder);
        await using var gateway = await Gateways.StartAsync(temp.Sub("cache"), upstream.Address);
        using var http = Gateways.Client(gateway);
        await ModuleFiles.PinAsync(http, "example.invalid/m@v1.0.0");
        var zip = ModuleFiles.Path("example.invalid/m", "v1.0.0", "zip");
        var original = await http.GetByteArrayAsync("/" + zip, Ct);
        var blobsBefore = Directory.GetFiles(temp.Sub("cache/blobs"), "*", SearchOption.AllDirectories).Order().ToArray();
        var pinBefore = gateway.Cache.GetPin(zip);

        folder.Add("example.invalid/m", "v1.0.0", "tampered");
        var report = await gateway.Revalidator.RevalidateAsync(Ct);

        Assert.Equal(3, report.Checked);
        var changed = Assert.Single(report.Changed);
        Assert.Equal((zip, "example.invalid/m", "v1.0.0", "GD3050"), (changed.Key, changed.Module, changed.Version, changed.Diagnostic.Code));
        Assert.Empty(report.Unreachable);
        Assert.Equal(pinBefore, gateway.Cache.GetPin(zip));
        Assert.Equal(blobsBefore, Directory.GetFiles(temp.Sub("cache/blobs"), "*", SearchOption.AllDirectories).Order().ToArray());
        Assert.Empty(Directory.EnumerateFiles(temp.Sub("cache/tmp")));
        Assert.Equal(original, await http.GetByteArrayAsync("/" + zip, Ct));
        Assert.Equal(1, gateway.Metrics.Revalidations);
    }

    [Fact]
    public async Task Failing_vanished_and_broken_off_files_are_listed_as_unreachable_and_the_run_still_finds_a_change()
    {
        using var temp = new TempFolder();

        // Incompressible, so c's zip is large enough that the cut comes while its body is read, after the headers.
        var large = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(300_000));
        var folder = new ModuleFolder(temp.Sub("upstream"))
            .Add("example.invalid/a", "v1.0.0").Add("example.invalid/b", "v1.0.0").Add("example.invalid/c", "v1.0.0", large);
        await using var upstream = await TestUpstream.StartAsync(folder);
        await using var gateway = await Gateways.StartAsync(temp.Sub("cache"), upstream.Address);
        using var http = Gateways.Client(gateway);
        await ModuleFiles.PinAsync(http, "example.invalid/a@v1.0.0", "example.invalid/b@v1.0.0", "example.invalid/c@v1.0.0");

        upstream.FailPaths[ModuleFiles.Path("example.invalid/a", "v1.0.0", "zip")] = 500;
        File.Delete(folder.PathOf("example.invalid/b", "v1.0.0", "zip"));
        upstream.CutZipsHalfWay = true;
        folder.Add("example.invalid/c", "v1.0.0", large, "example.invalid/a v1.0.0");
        var report = await gateway.Revalidator.RevalidateAsync(Ct);

        Assert.Equal(9, report.Checked);
        Assert.Equal([ModuleFiles.Path("example.invalid/c", "v1.0.0", "mod")], report.Changed.Select(c => c.Key));
        Assert.Collection(report.Unreachable,
            a =>
            {
                Assert.Equal(("example.invalid/a", "v1.0.0", false), (a.Module, a.Version, a.Gone));
                Assert.Contains("500", a.Reason);
            },
            b =>
            {
                Assert.Equal(("example.invalid/b", "v1.0.0", true), (b.Module, b.Version, b.Gone));
                Assert.Contains("404", b.Reason);
            },
            c =>
            {
                Assert.Equal(("example.invalid/c", "v1.0.0", false), (c.Module, c.Version, c.Gone));
                Assert.Contains("broke off", c.Reason);
            });
        Assert.Equal(1, gateway.Metrics.ContentChanges);
        Assert.Empty(Directory.EnumerateFiles(temp.Sub("cache/tmp")));
    }

    [Fact]
    public async Task Each_module_is_revalidated_where_a_request_for_it_would_go_and_denied_modules_are_not_sent_anywhere()
    {
        using var temp = new TempFolder();
        var publicFolder = new ModuleFolder(temp.Sub("public")).Add("example.invalid/pub", "v1.0.0").Add("example.invalid/secret", "v1.0.0");
        var corpFolder = new ModuleFolder(temp.Sub("corp")).Add("corp.example.invalid/lib", "v1.0.0");
        await using var publicUpstream = await TestUpstream.StartAsync(publicFolder);
        await using var corpUpstream = await TestUpstream.StartAsync(corpFolder);
        var corpRule = ModuleRule.ForPatterns("corp.example.invalid", [new UpstreamEndpoint(corpUpstream.Address)]);
        await using (var first = await Gateways.StartAsync(temp.Sub("cache"), publicUpstream.Address, o => o with { ModuleRules = [corpRule] }))
        {
            using var http = Gateways.Client(first);
            await ModuleFiles.PinAsync(http, "example.invalid/pub@v1.0.0", "example.invalid/secret@v1.0.0", "corp.example.invalid/lib@v1.0.0");
        }

        // The secret module has been denied since it was cached: revalidation must not leak its path upstream.
        var deny = ModuleRule.ForPatterns("example.invalid/secret", ModuleRouteAction.Deny);
        await using var gateway = await Gateways.StartAsync(temp.Sub("cache"), publicUpstream.Address, o => o with { ModuleRules = [deny, corpRule] });
        var publicBefore = publicUpstream.TotalRequests;
        var corpBefore = corpUpstream.TotalRequests;
        var report = await gateway.Revalidator.RevalidateAsync(Ct);

        Assert.Equal((6, 3, 0, 0), (report.Checked, report.Skipped, report.Changed.Count, report.Unreachable.Count));
        Assert.Equal(3, publicUpstream.TotalRequests - publicBefore);
        Assert.Equal(3, corpUpstream.TotalRequests - corpBefore);
        Assert.Equal(1, publicUpstream.Count(ModuleFiles.Path("example.invalid/secret", "v1.0.0", "zip")));
        Assert.Equal(0, publicUpstream.Count(ModuleFiles.Path("corp.example.invalid/lib", "v1.0.0", "zip")));
    }

    [Fact]
    public async Task The_background_re_check_logs_GD3050_counts_its_runs_in_metrics_and_never_overlaps_runs()
    {
        using var temp = new TempFolder();
        var folder = new ModuleFolder(temp.Sub("upstream")).Add("example.invalid/m", "v1.0.0", "original");
        await using var upstream = await TestUpstream.StartAsync(folder);
        var logs = new CollectingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs));
        await using var gateway = await Gateways.StartAsync(temp.Sub("cache"), upstream.Address,
            o => o with { LoggerFactory = loggerFactory, RevalidateEvery = TimeSpan.FromMilliseconds(200) });
        using var http = Gateways.Client(gateway);
        await ModuleFiles.PinAsync(http, "example.invalid/m@v1.0.0");

        // Slow answers make each run last longer than the interval: the next run must still wait for it.
        upstream.Delay = TimeSpan.FromMilliseconds(150);
        folder.Add("example.invalid/m", "v1.0.0", "tampered");
        var metrics = await WaitForMetricAsync(http, "godocker_proxy_revalidations_total", atLeast: 2);
        await gateway.StopAsync(Ct);

        Assert.Matches(@"godocker_proxy_last_revalidation_timestamp_seconds [1-9]\d{9}\n", metrics);
        Assert.Matches(@"godocker_proxy_content_changes_total [1-9]", metrics);
        Assert.Contains(logs.Lines, l => l.StartsWith("Warning GD3050: example.invalid/m@v1.0.0: upstream", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.StartsWith("Warning Revalidation finished: 3 files checked, 1 changed, 0 unreachable", StringComparison.Ordinal));
        var runEvents = logs.Lines.Where(l => l.Contains(" Revalidation started", StringComparison.Ordinal) || l.Contains(" Revalidation finished", StringComparison.Ordinal))
            .Select(l => l.Contains("started", StringComparison.Ordinal) ? 'S' : 'F').ToArray();
        Assert.Matches("^(SF)+S?$", new string(runEvents));
        Assert.DoesNotContain(logs.Lines, l => l.Contains("Revalidation failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Shutdown_cancels_a_background_re_check_in_progress_and_no_run_follows()
    {
        using var temp = new TempFolder();
        var folder = new ModuleFolder(temp.Sub("upstream")).Add("example.invalid/m", "v1.0.0");
        await using var upstream = await TestUpstream.StartAsync(folder);
        var logs = new CollectingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs));
        await using var gateway = await Gateways.StartAsync(temp.Sub("cache"), upstream.Address,
            o => o with { LoggerFactory = loggerFactory, RevalidateEvery = TimeSpan.FromMilliseconds(200) });
        using var http = Gateways.Client(gateway);
        await ModuleFiles.PinAsync(http, "example.invalid/m@v1.0.0");
        var pinned = upstream.TotalRequests;

        // Upstream now hangs far beyond the gateway's 5 s shutdown timeout: only cancellation can end the run in time.
        upstream.Delay = TimeSpan.FromSeconds(60);
        await Poll.UntilAsync(() => upstream.TotalRequests != pinned, TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(20), Ct);

        Assert.True(upstream.TotalRequests > pinned, "a background run reached the upstream");
        var runsBefore = gateway.Metrics.Revalidations;
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        await gateway.StopAsync(Ct);
        stopwatch.Stop();
        var afterStop = upstream.TotalRequests;
        await Task.Delay(600, Ct);

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(4), $"stop took {stopwatch.Elapsed}");
        Assert.Equal(afterStop, upstream.TotalRequests);
        Assert.Equal(runsBefore, gateway.Metrics.Revalidations);
        Assert.DoesNotContain(logs.Lines, l => l.Contains("Revalidation failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_offline_gateway_refuses_a_re_check_interval()
    {
        using var temp = new TempFolder();
        var e = await Assert.ThrowsAsync<ArgumentException>(() =>
            Gateways.StartAsync(temp.Sub("cache"), null, o => o with { RevalidateEvery = TimeSpan.FromHours(6) }));
        Assert.Contains("offline", e.Message);
    }

    private static async Task<string> WaitForMetricAsync(HttpClient http, string name, long atLeast)
    {
        string metrics = "", line = "";
        var reached = await Poll.UntilAsync(async () =>
        {
            metrics = await http.GetStringAsync("/metrics", Ct);
            line = metrics.Split('\n').Single(l => l.StartsWith(name + " ", StringComparison.Ordinal));
            return long.Parse(line[(name.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture) >= atLeast;
        }, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(50), Ct);
        Assert.True(reached, $"{name} stayed below {atLeast}: {line}");
        return metrics;
    }
}
