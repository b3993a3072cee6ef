using System.Security.Cryptography;
using GoDocker.ProxyGateway.Cache;
using GoDocker.ProxyGateway.Hosting;
using GoDocker.ProxyGateway.Tests.Infrastructure;
using static GoDocker.ProxyGateway.Tests.Infrastructure.CacheContent;

namespace GoDocker.ProxyGateway.Tests;

/// <summary>The cache's size bound (--max-size-mb) holds on every path that brings content back.</summary>
public sealed class SizeBoundTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_refetch_of_an_evicted_pinned_zip_evicts_again_to_stay_under_the_bound()
    {
        using var temp = new TempFolder();
        var folder = new ModuleFolder(temp.Sub("upstream"))
            .Add("example.invalid/m", "v1.0.0", new string('a', 50_000))
            .Add("example.invalid/n", "v1.0.0", new string('b', 50_000));
        await using var upstream = await TestUpstream.StartAsync(folder);
        var bound = new FileInfo(folder.PathOf("example.invalid/m", "v1.0.0", "zip")).Length + 100;
        await using var gateway = await Gateways.StartAsync(temp.Sub("cache"), upstream.Address, o => o with { MaxCacheBytes = bound });
        using var http = Gateways.Client(gateway);
        var m = await http.GetByteArrayAsync("/example.invalid/m/@v/v1.0.0.zip", Ct);
        await http.GetByteArrayAsync("/example.invalid/n/@v/v1.0.0.zip", Ct);

        // m was evicted for n; asking for m again brings its pinned bytes back, and n must go.
        Assert.Equal(m, await http.GetByteArrayAsync("/example.invalid/m/@v/v1.0.0.zip", Ct));

        Assert.Equal(2, upstream.Count("example.invalid/m/@v/v1.0.0.zip"));
        Assert.InRange(gateway.Cache.ContentBytes, 1, bound);
        Assert.InRange(Directory.EnumerateFiles(temp.Sub("cache/blobs"), "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length), 1, bound);
        Assert.True(gateway.Blobs.Has(gateway.Cache.GetPin("example.invalid/m/@v/v1.0.0.zip")!.Sha256));
        Assert.False(gateway.Blobs.Has(gateway.Cache.GetPin("example.invalid/n/@v/v1.0.0.zip")!.Sha256));
    }

    [Fact]
    public async Task A_zip_evicted_while_a_client_reads_it_leaves_the_cache_and_the_client_still_gets_every_byte()
    {
        using var temp = new TempFolder();
        const int size = 256 << 10;
        var (cache, _) = ProxyGatewayHost.OpenCache(new GatewayOptions { CacheDirectory = temp.Sub("cache"), MaxCacheBytes = 2 * size });
        var served = RandomNumberGenerator.GetBytes(size);
        await PutAsync(cache, "served/@v/v1.0.0.zip", served);

        using var reading = cache.Get("served/@v/v1.0.0.zip")!.Content;
        var received = new byte[size];
        await reading.ReadExactlyAsync(received.AsMemory(0, size / 2), Ct);
        await PutAsync(cache, "b/@v/v1.0.0.zip", RandomNumberGenerator.GetBytes(size));
        await PutAsync(cache, "c/@v/v1.0.0.zip", RandomNumberGenerator.GetBytes(size));

        var pin = cache.GetPin("served/@v/v1.0.0.zip")!;
        Assert.False(File.Exists(cache.Layout.BlobPath(pin.Sha256)), "the evicted zip stayed in the cache");
        Assert.Null(cache.Get("served/@v/v1.0.0.zip"));
        Assert.Equal(2 * size, cache.ContentBytes);
        await reading.ReadExactlyAsync(received.AsMemory(size / 2), Ct);
        Assert.Equal(served, received);
    }
}
