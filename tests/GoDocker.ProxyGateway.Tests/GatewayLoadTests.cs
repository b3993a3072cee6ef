using System.Diagnostics;
using GoDocker.ProxyGateway.Tests.Infrastructure;

namespace GoDocker.ProxyGateway.Tests;

/// <summary>Handles are counted per process, so no other test of this assembly may run during the load test.</summary>
[CollectionDefinition(nameof(GatewayLoadCollection), DisableParallelization = true)]
public sealed class GatewayLoadCollection;

/// <summary>Issue 8's gateway load: many clients for a long stretch on loopback, bounded in count and time.</summary>
[Collection(nameof(GatewayLoadCollection))]
public sealed class GatewayLoadTests
{
    private const int Clients = 200;
    private static readonly TimeSpan LoadDuration = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task TwoHundredConcurrentClientsForThirtySecondsGetNoErrorsAndLeakNoFileHandles()
    {
        using var temp = new TempFolder();
        var folder = new ModuleFolder(temp.Sub("upstream"));
        var modules = Enumerable.Range(0, 8).Select(i => $"example.invalid/load{i}").ToArray();
        foreach (var module in modules)
        {
            folder.Add(module, "v1.0.0", new string('z', 32_000));
        }
        await using var upstream = await TestUpstream.StartAsync(folder);
        await using var gateway = await Gateways.StartAsync(temp.Sub("cache"), upstream.Address);
        var paths = modules.SelectMany(m => new[] { $"/{m}/@v/v1.0.0.info", $"/{m}/@v/v1.0.0.mod", $"/{m}/@v/v1.0.0.zip" }).ToArray();
        var expected = new Dictionary<string, byte[]>();
        using (var warm = Gateways.Client(gateway))
        {
            foreach (var path in paths)
            {
                expected[path] = await warm.GetByteArrayAsync(path, TestContext.Current.CancellationToken);
            }
        }
        var upstreamRequestsAfterWarm = upstream.TotalRequests;
        var handlesBefore = OpenFileHandles();

        long requests = 0, errors = 0;
        var firstError = "";
        using (var handler = new SocketsHttpHandler { MaxConnectionsPerServer = Clients, PooledConnectionLifetime = TimeSpan.FromSeconds(10) })
        using (var http = new HttpClient(handler) { BaseAddress = gateway.Address, Timeout = TimeSpan.FromSeconds(30) })
        {
            var stopAt = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
            {
                var i = client;
                while (stopAt.Elapsed < LoadDuration)
                {
                    var path = paths[i++ % paths.Length];
                    try
                    {
                        var body = await http.GetByteArrayAsync(path, TestContext.Current.CancellationToken);
                        if (!body.AsSpan().SequenceEqual(expected[path]))
                        {
                            throw new InvalidDataException($"{path}: {body.Length} bytes differ from the cached file");
                        }
                        Interlocked.Increment(ref requests);
                    }
                    catch (Exception e) when (e is HttpRequestException or InvalidDataException or TaskCanceledException)
                    {
                        if (Interlocked.Increment(ref errors) == 1)
                        {
                            firstError = e.Message;
                        }
                    }
                }
            })));
        }

        Assert.True(errors == 0, $"{errors} errors in {requests} requests; first: {firstError}");
        Assert.True(requests > Clients * 10, $"only {requests} requests completed");
        Assert.Equal(upstreamRequestsAfterWarm, upstream.TotalRequests);

        // Closed connections give their handles back once both ends see the close; on a loaded machine that can take
        // seconds, so wait up to 30 s. A leak per request or connection would show as thousands of handles after
        // hundreds of thousands of requests; the margin only covers runtime-owned handles (thread pool, timers, epoll).
        var handlesAfter = OpenFileHandles();
        for (var attempt = 0; attempt < 150 && handlesAfter > handlesBefore + 32; attempt++)
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
            handlesAfter = OpenFileHandles();
        }
        Assert.True(handlesAfter <= handlesBefore + 32, $"open file handles grew from {handlesBefore} to {handlesAfter} after {requests} requests");
    }

    private static int OpenFileHandles() =>
        OperatingSystem.IsLinux() ? Directory.GetFiles("/proc/self/fd").Length : Process.GetCurrentProcess().HandleCount;
}
