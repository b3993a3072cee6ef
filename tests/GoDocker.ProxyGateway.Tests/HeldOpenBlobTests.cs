using System.Security.Cryptography;
using GoDocker.ProxyGateway.Cache;
using GoDocker.ProxyGateway.Hosting;
using GoDocker.ProxyGateway.Tests.Infrastructure;
using static GoDocker.ProxyGateway.Tests.Infrastructure.CacheContent;

namespace GoDocker.ProxyGateway.Tests;

/// <summary>Cache hits are served from blobs held open (issue 18, hot path): same bytes, same checks, bounded handles.</summary>
public sealed class HeldOpenBlobTests
{
    private const string Zip = "example.invalid/m/@v/v1.0.0.zip";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_cache_hit_answers_the_pinned_bytes_with_their_length_type_and_sha256_as_etag_and_head_sends_no_body()
    {
        using var temp = new TempFolder();
        var folder = new ModuleFolder(temp.Sub("upstream")).Add("example.invalid/m", "v1.0.0", new string('q', 200_000));
        await using var upstream = await TestUpstream.StartAsync(folder);
        await using var gateway = await Gateways.StartAsync(temp.Sub("cache"), upstream.Address);
        using var http = Gateways.Client(gateway);
        var expected = File.ReadAllBytes(folder.PathOf("example.invalid/m", "v1.0.0", "zip"));

        var first = await http.GetAsync("/" + Zip, Ct);
        var hit = await http.GetAsync("/" + Zip, Ct);
        using var headRequest = new HttpRequestMessage(HttpMethod.Head, "/" + Zip);
        var head = await http.SendAsync(headRequest, Ct);

        foreach (var answer in new[] { first, hit })
        {
            Assert.Equal(expected, await answer.Content.ReadAsByteArrayAsync(Ct));
            Assert.Equal(expected.Length, answer.Content.Headers.ContentLength);
            Assert.Equal("application/zip", answer.Content.Headers.ContentType?.MediaType);
            Assert.Equal($"\"{Sha256Of(expected)}\"", answer.Headers.ETag?.Tag);
        }

        Assert.Equal(expected.Length, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(1, upstream.Count(Zip));
    }

    [Fact]
    public async Task A_zip_evicted_while_held_for_a_response_is_still_read_whole_and_then_no_longer_served()
    {
        using var temp = new TempFolder();
        const int size = 256 << 10;
        var (cache, _) = ProxyGatewayHost.OpenCache(new GatewayOptions { CacheDirectory = temp.Sub("cache"), MaxCacheBytes = 2 * size });
        var served = RandomNumberGenerator.GetBytes(size);
        await PutAsync(cache, "served/@v/v1.0.0.zip", served);

        var held = cache.Acquire("served/@v/v1.0.0.zip")!;
        var received = new byte[size];
        Assert.Equal(size / 2, held.Read(0, received.AsSpan(0, size / 2)));
        await PutAsync(cache, "b/@v/v1.0.0.zip", RandomNumberGenerator.GetBytes(size));
        await PutAsync(cache, "c/@v/v1.0.0.zip", RandomNumberGenerator.GetBytes(size));

        Assert.False(File.Exists(cache.Layout.BlobPath(held.Sha256)), "the evicted zip stayed in the cache");
        Assert.Null(cache.Acquire("served/@v/v1.0.0.zip"));
        Assert.Equal(size - size / 2, held.Read(size / 2, received.AsSpan(size / 2)));
        Assert.Equal(served, received);
        held.Release();
        Assert.Throws<ObjectDisposedException>(() => held.Read(0, received));
    }

    [Fact]
    public async Task A_blob_another_process_deleted_is_fetched_again_once_the_recheck_interval_has_passed()
    {
        using var temp = new TempFolder();
        var folder = new ModuleFolder(temp.Sub("upstream")).Add("example.invalid/m", "v1.0.0", new string('r', 50_000));
        await using var upstream = await TestUpstream.StartAsync(folder);
        await using var gateway = await Gateways.StartAsync(temp.Sub("cache"), upstream.Address);
        using var http = Gateways.Client(gateway);
        var bytes = await http.GetByteArrayAsync("/" + Zip, Ct);
        Assert.Equal(bytes, await http.GetByteArrayAsync("/" + Zip, Ct));

        // What another gateway process (a replica's eviction) does to a shared folder.
        File.Delete(gateway.Cache.Layout.BlobPath(Sha256Of(bytes)));
        await Task.Delay(TimeSpan.FromMilliseconds(OpenBlobTable.RecheckInterval + 300), Ct);

        Assert.Equal(bytes, await http.GetByteArrayAsync("/" + Zip, Ct));
        Assert.Equal(2, upstream.Count(Zip));
        Assert.True(File.Exists(gateway.Cache.Layout.BlobPath(Sha256Of(bytes))), "the refetched zip was not stored again");
    }

    [Fact]
    public async Task Held_blobs_are_bounded_in_count_and_a_blob_beyond_the_bound_is_still_served_whole()
    {
        using var temp = new TempFolder();
        var (cache, _) = ProxyGatewayHost.OpenCache(new GatewayOptions { CacheDirectory = temp.Sub("cache") });
        var contents = Enumerable.Range(0, 3).Select(_ => RandomNumberGenerator.GetBytes(10_000)).ToArray();
        foreach (var (bytes, i) in contents.Select((b, i) => (b, i)))
        {
            await PutAsync(cache, $"m{i}/@v/v1.0.0.zip", bytes);
        }

        var table = new OpenBlobTable(cache.Layout.BlobPath, capacity: 2);
        foreach (var bytes in contents)
        {
            var blob = table.Acquire(Sha256Of(bytes))!;
            var read = new byte[blob.Length];
            Assert.Equal(bytes.Length, blob.Read(0, read));
            Assert.Equal(bytes, read);
            blob.Release();
        }

        Assert.Equal(2, table.Count);
        Assert.Null(table.Acquire(new string('0', 64)));
    }
}
