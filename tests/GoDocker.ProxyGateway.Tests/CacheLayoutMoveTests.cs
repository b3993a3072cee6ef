using GoDocker.ProxyGateway.Cache;
using GoDocker.ProxyGateway.Tests.Infrastructure;

namespace GoDocker.ProxyGateway.Tests;

/// <summary>Commits into a fan-out folder that does not exist yet, from several writers at once (replicas on one share).</summary>
public sealed class CacheLayoutMoveTests
{
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
}
