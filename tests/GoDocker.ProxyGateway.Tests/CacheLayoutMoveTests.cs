using GoDocker.ProxyGateway.Cache;
using GoDocker.ProxyGateway.Hosting;
using GoDocker.ProxyGateway.Tests.Infrastructure;
using static GoDocker.ProxyGateway.Tests.Infrastructure.CacheContent;

namespace GoDocker.ProxyGateway.Tests;

/// <summary>
/// The cache's fan-out folders (blobs/ab/, pins/ab/): made up front for a new cache, and made by the commit that needs
/// one when it is missing all the same, also from several writers at once (replicas on one share).
/// </summary>
public sealed class CacheLayoutMoveTests
{
    [Fact]
    public void A_new_cache_has_every_fan_out_folder_of_content_and_pins_before_its_first_commit()
    {
        using var temp = new TempFolder();

        var (cache, _) = ProxyGatewayHost.OpenCache(new GatewayOptions { CacheDirectory = temp.Sub("cache") });

        var expected = Enumerable.Range(0, 256).Select(i => i.ToString("x2")).ToArray();
        foreach (var folder in new[] { cache.Layout.BlobsFolder, cache.Layout.PinsFolder })
        {
            Assert.Equal(expected, Directory.GetDirectories(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task A_cache_whose_fan_out_folders_were_removed_while_it_ran_or_before_it_started_still_commits_and_serves()
    {
        using var temp = new TempFolder();
        var (cache, _) = ProxyGatewayHost.OpenCache(new GatewayOptions { CacheDirectory = temp.Sub("cache") });
        var first = "example.invalid/a/@v/v1.0.0.mod"u8.ToArray();
        var second = "example.invalid/b/@v/v1.0.0.mod"u8.ToArray();

        // Folders removed while it runs (an operator's clean-up); then the last one, whose presence tells a starting
        // cache that all were made, removed before it starts again.
        RemoveFanOutFolders(cache.Layout, "example.invalid/a/@v/v1.0.0.mod", first);
        await PutAsync(cache, "example.invalid/a/@v/v1.0.0.mod", first);
        Directory.Delete(Path.Combine(cache.Layout.PinsFolder, "ff"));
        Directory.Delete(Path.Combine(cache.Layout.BlobsFolder, "ff"));
        var (reopened, _) = ProxyGatewayHost.OpenCache(new GatewayOptions { CacheDirectory = temp.Sub("cache") });
        RemoveFanOutFolders(reopened.Layout, "example.invalid/b/@v/v1.0.0.mod", second);
        await PutAsync(reopened, "example.invalid/b/@v/v1.0.0.mod", second);

        Assert.Equal(first, await ReadAsync(reopened, "example.invalid/a/@v/v1.0.0.mod"));
        Assert.Equal(second, await ReadAsync(reopened, "example.invalid/b/@v/v1.0.0.mod"));

        Assert.True(Directory.Exists(Path.Combine(reopened.Layout.PinsFolder, "ff")), "reopening did not make the removed folders again");
    }

    [Fact]
    public async Task A_cache_whose_fan_out_folders_cannot_be_made_still_opens_and_serves_what_it_holds()
    {
        using var temp = new TempFolder();
        var (cache, _) = ProxyGatewayHost.OpenCache(new GatewayOptions { CacheDirectory = temp.Sub("cache") });
        var bytes = "example.invalid/a/@v/v1.0.0.mod"u8.ToArray();
        await PutAsync(cache, "example.invalid/a/@v/v1.0.0.mod", bytes);

        // A file where a folder belongs: making the folders fails there, as on a volume mounted read-only.
        foreach (var folder in new[] { cache.Layout.BlobsFolder, cache.Layout.PinsFolder })
        {
            foreach (var name in new[] { "ff", "fe" })
            {
                var path = Path.Combine(folder, name);
                if (Directory.EnumerateFileSystemEntries(path).Any())
                {
                    continue;
                }

                Directory.Delete(path);
                File.WriteAllText(path, "not a folder");
            }
        }

        var (reopened, _) = ProxyGatewayHost.OpenCache(new GatewayOptions { CacheDirectory = temp.Sub("cache") });

        Assert.Equal(bytes, await ReadAsync(reopened, "example.invalid/a/@v/v1.0.0.mod"));
    }

    [Fact]
    public async Task Writers_that_move_files_into_the_same_new_folder_at_once_all_succeed()
    {
        using var temp = new TempFolder();
        const int Writers = 4;
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();

        // Each round a new folder: one writer's rename finds it missing while another creates it.
        for (var round = 0; round < 300; round++)
        {
            var folder = temp.Sub($"pins/{round:x2}");
            var sources = Enumerable.Range(0, Writers).Select(w =>
            {
                var source = temp.Sub($"tmp/{round}-{w}.partial");
                Directory.CreateDirectory(Path.GetDirectoryName(source)!);
                File.WriteAllText(source, $"{round}-{w}");
                return source;
            }).ToArray();
            using var start = new Barrier(Writers);
            await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(() =>
            {
                start.SignalAndWait(TestContext.Current.CancellationToken);
                try
                {
                    CacheLayout.MoveIntoFolder(sources[w], Path.Combine(folder, $"{w}.json"), overwrite: w % 2 == 0);
                }
                catch (IOException e)
                {
                    failures.Enqueue($"round {round}, writer {w}: {e.GetType().Name}: {e.Message}");
                }
            })));
        }

        Assert.True(failures.IsEmpty, string.Join("\n", failures));
        Assert.Equal(300 * Writers, Directory.GetFiles(temp.Sub("pins"), "*.json", SearchOption.AllDirectories).Length);
    }

    private static void RemoveFanOutFolders(CacheLayout layout, string key, byte[] content)
    {
        foreach (var folder in new[] { Path.GetDirectoryName(layout.PinPath(key))!, Path.GetDirectoryName(layout.BlobPath(Sha256Of(content)))! })
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
