using System.Diagnostics;
using GoDocker.Core.Diagnostics;
using GoDocker.ProxyGateway.Hosting;
using GoDocker.ProxyGateway.Tests.Infrastructure;
using static GoDocker.ProxyGateway.Tests.Infrastructure.CacheContent;

namespace GoDocker.ProxyGateway.Tests;

/// <summary>
/// Gateway replicas sharing one cache folder and one real redis-server on 127.0.0.1 (`--coordination`): one upstream
/// fetch per file across replicas, a dead lease holder taken over, Redis lost and back, snapshot switches.
/// </summary>
public sealed class ReplicaTests
{
    private const string Zip = "example.invalid/m/@v/v1.0.0.zip";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static Task<RunningGateway> StartReplicaAsync(TempFolder temp, Uri upstream, RedisServer redis, string id, TimeSpan? lease = null) =>
        Gateways.StartAsync(temp.Sub("cache"), upstream, o => o with { Coordination = redis.Address, ReplicaId = id, FetchLease = lease ?? TimeSpan.FromSeconds(30) });

    /// <summary>A replica as a process of its own (the gateway executable), so a test can SIGKILL or freeze it.</summary>
    private static Task<GatewayProcess> StartReplicaProcessAsync(TempFolder temp, Uri upstream, RedisServer redis, string id, params string[] more) =>
        GatewayProcess.StartAsync(Cancel, ["--cache", temp.Sub("cache"), "--listen", "127.0.0.1:0", "--upstream", upstream.ToString(),
            "--coordination", redis.Url, "--replica-id", id, .. more]);

    /// <summary>Every blob's bytes hash to its name, and every pin's content (when present) is the pinned one.</summary>
    private static void AssertNoPartialOrCorruptFile(string cache)
    {
        foreach (var blob in Directory.EnumerateFiles(Path.Combine(cache, "blobs"), "*", SearchOption.AllDirectories))
        {
            Assert.Equal(Path.GetFileName(blob), Sha256Of(File.ReadAllBytes(blob)));
        }
    }

    /// <summary>Every pin in the shared folder is the one Redis recorded for its key (a pin made while Redis was lost has no record).</summary>
    private static async Task AssertPinsAgreeWithRedisAsync(string cache, RedisServer redis)
    {
        var pins = ProxyGatewayHost.OpenCache(new GatewayOptions { CacheDirectory = cache }).Cache.Pins();
        Assert.NotEmpty(pins);
        foreach (var pin in pins)
        {
            Assert.Equal(pin.Sha256, await redis.CommandAsync("HGET", "godocker:proxy:pins", pin.Key) as string ?? pin.Sha256);
        }
    }

    [Fact]
    public async Task Sixty_concurrent_requests_for_one_uncached_zip_spread_over_three_replicas_cause_exactly_one_upstream_fetch()
    {
        using var temp = new TempFolder();
        await using var redis = await RedisServer.StartAsync(temp.Sub("redis"));
        var folder = new ModuleFolder(temp.Sub("upstream")).Add("example.invalid/m", "v1.0.0", new string('z', 300_000));
        await using var upstream = await TestUpstream.StartAsync(folder);
        upstream.Delay = TimeSpan.FromMilliseconds(500);
        await using var r1 = await StartReplicaAsync(temp, upstream.Address, redis, "r1");
        await using var r2 = await StartReplicaAsync(temp, upstream.Address, redis, "r2");
        await using var r3 = await StartReplicaAsync(temp, upstream.Address, redis, "r3");
        RunningGateway[] replicas = [r1, r2, r3];
        var clients = replicas.Select(Gateways.Client).ToArray();
        var expected = File.ReadAllBytes(folder.PathOf("example.invalid/m", "v1.0.0", "zip"));

        var answers = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => Task.Run(() => clients[i % 3].GetByteArrayAsync("/" + Zip, Cancel))));

        Assert.Equal(1, upstream.Count(Zip));
        Assert.All(answers, a => Assert.Equal(expected, a));
        Assert.Equal(1, replicas.Sum(r => r.Metrics.UpstreamFetches));
        Assert.Equal(Sha256Of(expected), await redis.CommandAsync("HGET", "godocker:proxy:pins", Zip) as string);
        var metrics = await clients[1].GetStringAsync("/metrics", Cancel);
        Assert.Contains("godocker_proxy_replica_info{replica=\"r2\",coordination=\"redis\",shared=\"1\"} 1", metrics, StringComparison.Ordinal);
        Assert.True(replicas.Sum(r => r.Metrics.PeerFetchesJoined) >= 1, "replicas without the lease were served the winner's file");
        AssertNoPartialOrCorruptFile(temp.Sub("cache"));
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }

    [Fact]
    public async Task Redis_unreachable_at_start_is_GD3080_naming_the_address()
    {
        using var temp = new TempFolder();
        var port = RedisServer.FreePort();

        var error = await Assert.ThrowsAsync<DiagnosticException>(() => Gateways.StartAsync(temp.Sub("cache"), new Uri("http://127.0.0.1:9/"), o => o with
        {
            Coordination = GoDocker.ProxyGateway.Coordination.CoordinationAddress.Parse($"redis://127.0.0.1:{port}/2"),
        }));

        Assert.Equal("GD3080", error.Diagnostic.Code);
        Assert.Contains($"redis://127.0.0.1:{port}/2", error.Diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_replica_told_other_upstreams_than_the_running_ones_is_refused_at_start_with_GD3081()
    {
        using var temp = new TempFolder();
        await using var redis = await RedisServer.StartAsync(temp.Sub("redis"));
        await using var first = await StartReplicaAsync(temp, new Uri("http://127.0.0.1:9/a"), redis, "r1");

        var error = await Assert.ThrowsAsync<DiagnosticException>(() => StartReplicaAsync(temp, new Uri("http://127.0.0.1:9/b"), redis, "r2"));
        await using var same = await StartReplicaAsync(temp, new Uri("http://127.0.0.1:9/a"), redis, "r3");

        Assert.Equal("GD3081", error.Diagnostic.Code);
        Assert.Contains("http://127.0.0.1:9/b", error.Diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("http://127.0.0.1:9/a", error.Diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_replica_SIGKILLed_while_holding_a_fetch_lease_is_taken_over_after_the_lease_expires_and_no_partial_file_is_visible()
    {
        using var temp = new TempFolder();
        await using var redis = await RedisServer.StartAsync(temp.Sub("redis"));
        var folder = new ModuleFolder(temp.Sub("upstream")).Add("example.invalid/m", "v1.0.0", new string('k', 400_000));
        await using var upstream = await TestUpstream.StartAsync(folder);
        upstream.ZipPause = TimeSpan.FromSeconds(6);

        // The doomed replica is a real process, so it can really be SIGKILLed mid-download.
        await using var doomed = await StartReplicaProcessAsync(temp, upstream.Address, redis, "doomed", "--fetch-lease", "2");
        using var doomedClient = new HttpClient { BaseAddress = doomed.Address, Timeout = TimeSpan.FromSeconds(30) };
        var abandoned = doomedClient.GetAsync("/" + Zip, Cancel);
        await Poll.UntilAsync(() => upstream.Count(Zip) != 0, TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(20), Cancel);

        Assert.Equal(1, upstream.Count(Zip));
        await Task.Delay(300, Cancel);
        var holder = await redis.CommandAsync("GET", "godocker:proxy:lease:" + Zip) as string;
        Assert.EndsWith(" doomed", holder);
        await doomed.KillAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => abandoned);

        upstream.ZipPause = TimeSpan.Zero;
        await using var survivor = await StartReplicaAsync(temp, upstream.Address, redis, "survivor", TimeSpan.FromSeconds(2));
        using var http = Gateways.Client(survivor);
        var watch = Stopwatch.StartNew();
        var bytes = await http.GetByteArrayAsync("/" + Zip, Cancel);

        Assert.Equal(File.ReadAllBytes(folder.PathOf("example.invalid/m", "v1.0.0", "zip")), bytes);
        Assert.Equal(2, upstream.Count(Zip));
        Assert.True(survivor.Metrics.LeaseWaits >= 1, "the survivor waited for the dead replica's lease");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"taken over after {watch.Elapsed}");
        Assert.Equal(Sha256Of(bytes), survivor.Cache.GetPin(Zip)!.Sha256);
        AssertNoPartialOrCorruptFile(temp.Sub("cache"));
    }

    [Fact]
    public async Task A_replica_frozen_while_Redis_answers_it_late_keeps_coordinating_and_does_not_fetch_a_file_a_peer_is_fetching()
    {
        using var temp = new TempFolder();
        await using var redis = await RedisServer.StartAsync(temp.Sub("redis"));
        var folder = new ModuleFolder(temp.Sub("upstream")).Add("example.invalid/m", "v1.0.0", new string('f', 400_000));
        await using var upstream = await TestUpstream.StartAsync(folder);
        upstream.ZipPause = TimeSpan.FromSeconds(6);
        await using var holder = await StartReplicaAsync(temp, upstream.Address, redis, "holder");
        await using var frozen = await StartReplicaProcessAsync(temp, upstream.Address, redis, "frozen");
        using var holderClient = Gateways.Client(holder);
        using var frozenClient = new HttpClient { BaseAddress = frozen.Address, Timeout = TimeSpan.FromSeconds(60) };
        var first = holderClient.GetByteArrayAsync("/" + Zip, Cancel);
        await Poll.UntilAsync(() => upstream.Count(Zip) != 0, TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(20), Cancel);
        var second = frozenClient.GetByteArrayAsync("/" + Zip, Cancel);
        Assert.True(await Poll.UntilAsync(
            async () => (await frozenClient.GetStringAsync("/metrics", Cancel)).Contains("godocker_proxy_fetch_lease_waits_total 1", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(20), Cancel), "the frozen replica waits for the holder's lease");

        // Redis answers 1.5 s late (within the replica's command timeout) while the replica itself is not scheduled
        // for 3 s: the answer waits unread, and the replica's timer runs out before the replica can read it.
        await redis.CommandAsync("CLIENT", "PAUSE", "1500", "ALL");
        await Task.Delay(200, Cancel);
        await frozen.FreezeAsync(TimeSpan.FromSeconds(3), Cancel);

        var expected = File.ReadAllBytes(folder.PathOf("example.invalid/m", "v1.0.0", "zip"));
        Assert.Equal(expected, await first);
        Assert.Equal(expected, await second);
        Assert.Equal(1, upstream.Count(Zip));
        Assert.Contains("godocker_proxy_coordination_lost_total 0", await frozenClient.GetStringAsync("/metrics", Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redis_that_stops_answering_is_lost_after_the_command_timeout_the_request_is_served_and_coordination_resumes()
    {
        using var temp = new TempFolder();
        await using var redis = await RedisServer.StartAsync(temp.Sub("redis"));
        var folder = new ModuleFolder(temp.Sub("upstream")).Add("example.invalid/m", "v1.0.0");
        await using var upstream = await TestUpstream.StartAsync(folder);
        await using var replica = await StartReplicaAsync(temp, upstream.Address, redis, "r1");
        using var client = Gateways.Client(replica);

        // A hung Redis, not a closed one: connected, silent for 8 s (long enough for a second timeout, should a loaded
        // runner make the first timer fire late).
        await redis.CommandAsync("CLIENT", "PAUSE", "8000", "ALL");
        var watch = Stopwatch.StartNew();
        var bytes = await client.GetByteArrayAsync("/" + Zip, Cancel);
        var servedAfter = watch.Elapsed;

        Assert.Equal(File.ReadAllBytes(folder.PathOf("example.invalid/m", "v1.0.0", "zip")), bytes);
        Assert.True(servedAfter >= TimeSpan.FromSeconds(1.9) && servedAfter < TimeSpan.FromSeconds(7.5), $"served after {servedAfter}: not after the 2 s command timeout, or only once Redis answered");
        Assert.Contains("godocker_proxy_coordination_lost_total 1", await client.GetStringAsync("/metrics", Cancel), StringComparison.Ordinal);
        Assert.True(await Poll.UntilAsync(() => replica.Coordination.IsShared, TimeSpan.FromSeconds(15), TimeSpan.FromMilliseconds(50), Cancel), "coordinates again once Redis answers");
    }

    [Fact]
    public async Task Redis_stopped_and_restarted_during_requests_fails_no_request_and_coordination_resumes()
    {
        using var temp = new TempFolder();
        await using var redis = await RedisServer.StartAsync(temp.Sub("redis"));
        const int Modules = 600;
        var folder = new ModuleFolder(temp.Sub("upstream"));
        for (var i = 0; i < Modules; i++)
        {
            folder.Add($"example.invalid/m{i}", "v1.0.0");
        }

        folder.Add("example.invalid/after", "v1.0.0");
        await using var upstream = await TestUpstream.StartAsync(folder);
        upstream.Delay = TimeSpan.FromMilliseconds(100);
        await using var r1 = await StartReplicaAsync(temp, upstream.Address, redis, "r1");
        await using var r2 = await StartReplicaAsync(temp, upstream.Address, redis, "r2");
        await using var r3 = await StartReplicaAsync(temp, upstream.Address, redis, "r3");
        RunningGateway[] replicas = [r1, r2, r3];
        var clients = replicas.Select(Gateways.Client).ToArray();
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var served = 0;
        var next = -1;
        using var stop = new CancellationTokenSource();

        // New modules keep coming (each asked three times, from different replicas), so fetches run before, during
        // and after the outage, not only cache hits.
        async Task ClientLoopAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                var ticket = Interlocked.Increment(ref next);
                var module = $"example.invalid/m{ticket / 3 % Modules}";
                var replica = ticket % 3;
                var answer = await clients[replica].GetAsync($"/{module}/@v/v1.0.0.zip", Cancel);
                var body = await answer.Content.ReadAsByteArrayAsync(Cancel);
                if ((int)answer.StatusCode != 200 || !body.AsSpan().SequenceEqual(File.ReadAllBytes(folder.PathOf(module, "v1.0.0", "zip"))))
                {
                    failures.Enqueue($"{module} via r{replica + 1}: {(int)answer.StatusCode} {System.Text.Encoding.UTF8.GetString(body.Take(300).ToArray())}");
                }

                Interlocked.Increment(ref served);
                await Task.Delay(100, Cancel);
            }
        }

        var load = Enumerable.Range(0, 12).Select(_ => Task.Run(ClientLoopAsync)).ToArray();
        await Task.Delay(1000, Cancel);
        await redis.StopAsync();
        await Task.Delay(10_000, Cancel);
        Assert.All(replicas, r => Assert.False(r.Coordination.IsShared));
        var servedDuringOutage = served;
        await redis.StartAgainAsync();
        await Poll.UntilAsync(() => replicas.All(r => r.Coordination.IsShared), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(50), Cancel);

        await Task.Delay(1000, Cancel);
        await stop.CancelAsync();
        await Task.WhenAll(load);

        Assert.True(failures.IsEmpty, string.Join("\n", failures));
        Assert.True(served > servedDuringOutage && servedDuringOutage > 30, $"{served} answers, {servedDuringOutage} by the end of the outage");
        Assert.All(replicas, r => Assert.True(r.Coordination.IsShared, $"{r.Coordination.ReplicaId} coordinates again"));
        Assert.Contains("godocker_proxy_coordination_lost_total 1", await clients[0].GetStringAsync("/metrics", Cancel), StringComparison.Ordinal);

        // Coordination is back: a new file asked from all three at once is fetched once.
        upstream.Delay = TimeSpan.FromMilliseconds(500);
        await Task.WhenAll(Enumerable.Range(0, 30).Select(i => clients[i % 3].GetByteArrayAsync("/example.invalid/after/@v/v1.0.0.zip", Cancel)));
        Assert.Equal(1, upstream.Count("example.invalid/after/@v/v1.0.0.zip"));
        AssertNoPartialOrCorruptFile(temp.Sub("cache"));
        await AssertPinsAgreeWithRedisAsync(temp.Sub("cache"), redis);
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }

    [Fact]
    public async Task Snapshot_use_on_one_replica_is_served_by_all_three_within_one_second()
    {
        using var temp = new TempFolder();
        await using var redis = await RedisServer.StartAsync(temp.Sub("redis"));
        var folder = new ModuleFolder(temp.Sub("upstream")).Add("example.invalid/m", "v1.0.0").Add("example.invalid/n", "v1.0.0");
        await using var upstream = await TestUpstream.StartAsync(folder);
        await using var r1 = await StartReplicaAsync(temp, upstream.Address, redis, "r1");
        await using var r2 = await StartReplicaAsync(temp, upstream.Address, redis, "r2");
        await using var r3 = await StartReplicaAsync(temp, upstream.Address, redis, "r3");
        var clients = new[] { r1, r2, r3 }.Select(Gateways.Client).ToArray();
        await ModuleFiles.PinAsync(clients[0], "example.invalid/m@v1.0.0");
        await r1.Snapshots.CreateAsync("release", Cancel);
        await ModuleFiles.PinAsync(clients[1], "example.invalid/n@v1.0.0");
        foreach (var client in clients)
        {
            Assert.Equal(200, (int)(await client.GetAsync("/example.invalid/n/@v/v1.0.0.zip", Cancel)).StatusCode);
        }

        var watch = Stopwatch.StartNew();
        var parse = GoDocker.Cli.ToolCommand.Create().Parse(["proxy", "snapshot", "use", "release", "--cache", temp.Sub("cache"), "--coordination", redis.Url]);
        Assert.Empty(parse.Errors);
        Assert.Equal(0, await parse.InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = TextWriter.Null, EnableDefaultExceptionHandler = false }, Cancel));
        var seen = new TimeSpan[3];
        for (var i = 0; i < 3; i++)
        {
            while ((int)(await clients[i].GetAsync("/example.invalid/n/@v/v1.0.0.zip", Cancel)).StatusCode != 404 && watch.Elapsed < TimeSpan.FromSeconds(5))
            {
                await Task.Delay(10, Cancel);
            }

            seen[i] = watch.Elapsed;
        }

        Assert.All(seen, s => Assert.True(s < TimeSpan.FromSeconds(1), $"seen after {s}"));
        foreach (var client in clients)
        {
            Assert.Equal(200, (int)(await client.GetAsync("/example.invalid/m/@v/v1.0.0.zip", Cancel)).StatusCode);
            client.Dispose();
        }
    }

    [Fact]
    public async Task Four_parallel_go_mod_download_runs_of_100_modules_through_nginx_in_front_of_three_replicas_fetch_each_file_once()
    {
        GoClient.SkipIfMissing();
        using var temp = new TempFolder();
        await using var redis = await RedisServer.StartAsync(temp.Sub("redis"));
        var folder = new ModuleFolder(temp.Sub("upstream"));
        var requires = Enumerable.Range(0, 100).Select(i => $"example.invalid/lib{i} v1.0.{i % 3}").ToArray();
        foreach (var require in requires)
        {
            folder.Add(require.Split(' ')[0], require.Split(' ')[1]);
        }

        await using var upstream = await TestUpstream.StartAsync(folder);
        upstream.Delay = TimeSpan.FromMilliseconds(50);
        await using var r1 = await StartReplicaAsync(temp, upstream.Address, redis, "r1");
        await using var r2 = await StartReplicaAsync(temp, upstream.Address, redis, "r2");
        await using var r3 = await StartReplicaAsync(temp, upstream.Address, redis, "r3");
        await using var nginx = await NginxBalancer.StartAsync(temp.Sub("nginx"), [r1.Address, r2.Address, r3.Address]);
        var goproxy = nginx.Address.ToString().TrimEnd('/');

        var sums = await Task.WhenAll(Enumerable.Range(0, 4).Select(n =>
            GoClient.ModDownloadAsync(GoClient.WriteProject(temp.Sub($"app{n}"), requires), goproxy, temp.Sub($"go{n}"), TimeSpan.FromMinutes(3))));

        Assert.All(sums, s => Assert.Equal(sums[0], s));
        Assert.Equal(200, sums[0].Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var fetched = requires.SelectMany(r => new[] { "mod", "zip" }.Select(ext => ModuleFiles.Path(r.Split(' ')[0], r.Split(' ')[1], ext))).ToArray();
        Assert.All(fetched, path => Assert.Equal(1, upstream.Count(path)));
        Assert.True(new[] { r1, r2, r3 }.Count(r => r.Metrics.UpstreamFetches > 0) >= 2, "fetches were spread over the replicas");
        AssertNoPartialOrCorruptFile(temp.Sub("cache"));
    }

    [Fact]
    public async Task A_replica_SIGKILLed_during_30_s_of_go_mod_download_load_through_nginx_fails_no_run_and_leaves_no_corrupt_file()
    {
        GoClient.SkipIfMissing();
        using var temp = new TempFolder();
        await using var redis = await RedisServer.StartAsync(temp.Sub("redis"));
        var folder = new ModuleFolder(temp.Sub("upstream"));
        var modules = Enumerable.Range(0, 60).Select(i => $"example.invalid/dep{i} v1.0.0").ToArray();
        foreach (var module in modules)
        {
            folder.Add(module.Split(' ')[0], "v1.0.0");
        }

        await using var upstream = await TestUpstream.StartAsync(folder);
        upstream.Delay = TimeSpan.FromMilliseconds(30);
        await using var doomed = await StartReplicaProcessAsync(temp, upstream.Address, redis, "doomed", "--fetch-lease", "2");
        await using var r1 = await StartReplicaAsync(temp, upstream.Address, redis, "r1", TimeSpan.FromSeconds(2));
        await using var r2 = await StartReplicaAsync(temp, upstream.Address, redis, "r2", TimeSpan.FromSeconds(2));
        await using var nginx = await NginxBalancer.StartAsync(temp.Sub("nginx"), [doomed.Address, r1.Address, r2.Address]);
        var goproxy = nginx.Address.ToString().TrimEnd('/');
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var runs = 0;
        using var stop = new CancellationTokenSource();

        // Each run asks for 15 modules of the 60 in a fresh module cache; later runs find more of them cached.
        async Task ClientAsync(int n)
        {
            for (var round = 0; !stop.IsCancellationRequested; round++)
            {
                var run = Interlocked.Increment(ref runs);
                var requires = modules.Skip(run * 5 % 60).Concat(modules).Take(15).ToArray();
                var (exit, output) = await GoClient.RunAsync(GoClient.WriteProject(temp.Sub($"app{run}"), requires), goproxy, temp.Sub($"go{run}"), TimeSpan.FromMinutes(2), "mod", "download", "all");
                if (exit != 0)
                {
                    failures.Enqueue($"run {run}: {output}");
                }
            }
        }

        // 30 s of load, as the acceptance says; the replica dies 10 s in.
        var load = Enumerable.Range(0, 4).Select(n => Task.Run(() => ClientAsync(n))).ToArray();
        await Task.Delay(10_000, Cancel);
        await doomed.KillAsync();
        await Task.Delay(20_000, Cancel);
        await stop.CancelAsync();
        await Task.WhenAll(load);

        Assert.True(failures.IsEmpty, string.Join("\n", failures));
        Assert.True(runs >= 40, $"{runs} go runs");
        AssertNoPartialOrCorruptFile(temp.Sub("cache"));
        await AssertPinsAgreeWithRedisAsync(temp.Sub("cache"), redis);
    }
}
