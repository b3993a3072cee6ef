using System.Security.Cryptography;
using GoDocker.ProxyGateway.Cache;
using GoDocker.ProxyGateway.Hosting;
using GoDocker.ProxyGateway.Tests.Infrastructure;

namespace GoDocker.ProxyGateway.Tests;

/// <summary>Recency and eviction of <see cref="DiskModuleCache"/> while many readers open files at once.</summary>
public sealed class CacheRecencyTests
{
    private const int Size = 4096;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Many_concurrent_opens_during_evictions_keep_the_LRU_order_the_size_bound_and_the_bytes_of_every_open()
    {
        using var temp = new TempFolder();
        string[] hot = ["a/@v/v1.0.0.zip", "b/@v/v1.0.0.zip", "c/@v/v1.0.0.zip", "d/@v/v1.0.0.zip"];

        // Room for the four hot files and the newest one: each put must evict exactly the previous new file.
        var (cache, _) = ProxyGatewayHost.OpenCache(new GatewayOptions { CacheDirectory = temp.Sub("cache"), MaxCacheBytes = 5 * Size });
        var expected = new System.Collections.Concurrent.ConcurrentDictionary<string, string>();
        foreach (var key in hot)
        {
            await PutAsync(cache, key, expected);
        }

        using var stop = new CancellationTokenSource();
        long opens = 0;
        var readers = Enumerable.Range(0, 8).Select(r => Task.Run(() =>
        {
            var i = r;
            while (!stop.IsCancellationRequested)
            {
                var key = hot[i++ % hot.Length];
                var file = cache.Get(key) ?? throw new InvalidOperationException($"{key} was evicted although it is used all the time");
                using (file.Content)
                {
                    var sha = Convert.ToHexString(SHA256.HashData(file.Content)).ToLowerInvariant();
                    Assert.Equal(expected[key], sha);
                    Assert.Equal(sha, file.Pin.Sha256);
                }

                Interlocked.Increment(ref opens);
            }
        })).ToArray();

        string? previous = null;
        for (var n = 0; n < 20; n++)
        {
            // Every hot file is opened after the previous new file was put, so that one is the least recently used.
            var before = Interlocked.Read(ref opens);
            while (Interlocked.Read(ref opens) < before + 2 * readers.Length)
            {
                await Task.Delay(1, Ct);
            }

            var key = $"new{n}/@v/v1.0.0.zip";
            await PutAsync(cache, key, expected);

            var present = cache.Pins().Where(p => File.Exists(cache.Layout.BlobPath(p.Sha256))).Select(p => p.Key).Order().ToArray();
            Assert.Equal(hot.Append(key).Order().ToArray(), present);
            Assert.Equal(5 * Size, cache.ContentBytes);
            Assert.Equal(cache.ContentBytes, Directory.EnumerateFiles(cache.Layout.BlobsFolder, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length));
            if (previous is not null)
            {
                Assert.Null(cache.Get(previous));
            }

            previous = key;
        }

        await stop.CancelAsync();
        await Task.WhenAll(readers);
        Assert.True(opens > 20 * 2 * readers.Length, $"only {opens} opens");
        Assert.Equal(24, cache.Pins().Count);

        // Put one after the other and never opened again, the new files keep their order; the hot ones are the most recent.
        var recency = cache.KeysByRecency();
        Assert.Equal(Enumerable.Range(0, 20).Select(n => $"new{n}/@v/v1.0.0.zip"), recency.Where(k => k.StartsWith("new", StringComparison.Ordinal)));
        Assert.Equal(hot.Order(), recency.TakeLast(5).Where(hot.Contains).Order());
    }

    private static async Task PutAsync(DiskModuleCache cache, string key, System.Collections.Concurrent.ConcurrentDictionary<string, string> expected)
    {
        var bytes = RandomNumberGenerator.GetBytes(Size);
        expected[key] = CacheContent.Sha256Of(bytes);
        var outcome = await CacheContent.PutAsync(cache, key, bytes);
        Assert.Equal(CommitStatus.Stored, outcome.Status);
    }
}
