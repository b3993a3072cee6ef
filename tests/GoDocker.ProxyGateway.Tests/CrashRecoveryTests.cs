using System.Diagnostics;
using GoDocker.ProxyGateway.Cache;
using GoDocker.ProxyGateway.Hosting;
using GoDocker.ProxyGateway.Tests.Infrastructure;
using static GoDocker.ProxyGateway.Tests.Infrastructure.CacheContent;

namespace GoDocker.ProxyGateway.Tests;

/// <summary>Runs the gateway as its own process and kills it with SIGKILL while it writes to the cache.</summary>
public sealed class CrashRecoveryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AGatewayKilledDuringWritesRestartsCleanWithEveryCachedFileMatchingItsHash()
    {
        using var temp = new TempFolder();
        var folder = new ModuleFolder(temp.Sub("upstream"));
        for (var i = 0; i < 12; i++)
        {
            folder.Add($"example.invalid/m{i}", "v1.0.0", new string((char)('a' + i), 100_000 + i));
        }

        await using var upstream = await TestUpstream.StartAsync(folder);
        var cache = temp.Sub("cache");

        // First the .mod files complete; then the zips stall half-way, so the kill lands mid-write.
        using (var child = await GatewayProcess.StartAsync(cache, upstream.Address))
        using (var http = new HttpClient { BaseAddress = child.Address, Timeout = TimeSpan.FromSeconds(30) })
        {
            for (var i = 0; i < 12; i++)
            {
                await http.GetStringAsync($"/example.invalid/m{i}/@v/v1.0.0.mod", Ct);
            }

            await http.GetByteArrayAsync("/example.invalid/m0/@v/v1.0.0.zip", Ct);
            upstream.ZipPause = TimeSpan.FromSeconds(4);
            var pending = Enumerable.Range(1, 11).Select(i => http.GetAsync($"/example.invalid/m{i}/@v/v1.0.0.zip", Ct)).ToArray();
            await Poll.UntilAsync(() => Directory.EnumerateFiles(Path.Combine(cache, "tmp")).Count() >= 11, TimeSpan.FromSeconds(15), TimeSpan.FromMilliseconds(50), Ct);

            Assert.Equal(11, Directory.EnumerateFiles(Path.Combine(cache, "tmp")).Count());
            child.Kill();
            await Task.WhenAll(pending.Select(p => p.ContinueWith(_ => { }, TaskScheduler.Default)));
        }

        upstream.ZipPause = TimeSpan.Zero;
        using (var restarted = await GatewayProcess.StartAsync(cache, upstream.Address))
        using (var http = new HttpClient { BaseAddress = restarted.Address, Timeout = TimeSpan.FromSeconds(30) })
        {
            Assert.Empty(Directory.EnumerateFiles(Path.Combine(cache, "tmp")));
            var (opened, _) = ProxyGatewayHost.OpenCache(new GatewayOptions { CacheDirectory = cache });
            var pins = opened.Pins();
            Assert.Equal(13, pins.Count); // 12 .mod files and the one zip that completed before the kill
            foreach (var pin in pins)
            {
                var bytes = File.ReadAllBytes(opened.Layout.BlobPath(pin.Sha256));
                Assert.Equal(pin.Sha256, Sha256Of(bytes));
                Assert.Equal(pin.Size, bytes.Length);
            }

            // The interrupted zips are fetched again, whole.
            for (var i = 1; i < 12; i++)
            {
                var zip = await http.GetByteArrayAsync($"/example.invalid/m{i}/@v/v1.0.0.zip", Ct);
                Assert.Equal(File.ReadAllBytes(folder.PathOf($"example.invalid/m{i}", "v1.0.0", "zip")), zip);
            }
        }
    }

    [Fact]
    public async Task What_a_power_loss_leaves_of_unsynced_small_files_is_never_served_they_are_fetched_again_whole()
    {
        using var temp = new TempFolder();
        var folder = new ModuleFolder(temp.Sub("upstream")).Add("example.invalid/m", "v1.0.0");
        await using var upstream = await TestUpstream.StartAsync(folder);
        var cache = temp.Sub("cache");
        var files = new[] { "info", "mod", "zip" }.ToDictionary(ext => $"example.invalid/m/@v/v1.0.0.{ext}", ext => File.ReadAllBytes(folder.PathOf("example.invalid/m", "v1.0.0", ext)));
        Assert.All(files.Values, bytes => Assert.True(bytes.Length <= HashedTempFile.UnsyncedLimit, "small enough to be stored without an fsync"));
        await using (var gateway = await Gateways.StartAsync(cache, upstream.Address))
        {
            using var http = Gateways.Client(gateway);
            foreach (var key in files.Keys)
            {
                await http.GetByteArrayAsync("/" + key, Ct);
            }
        }

        // What a power loss can leave of files whose writes were not synced: blobs full of zeros or empty, a pin emptied.
        var (opened, _) = ProxyGatewayHost.OpenCache(new GatewayOptions { CacheDirectory = cache });
        var blobs = opened.Pins().Select(p => opened.Layout.BlobPath(p.Sha256)).ToArray();
        Assert.Equal(3, blobs.Length);
        File.WriteAllBytes(blobs[0], new byte[new FileInfo(blobs[0]).Length]);
        File.WriteAllBytes(blobs[1], []);
        File.WriteAllBytes(blobs[2], new byte[new FileInfo(blobs[2]).Length]);
        File.WriteAllBytes(opened.Layout.PinPath(files.Keys.First()), []);

        await using (var restarted = await Gateways.StartAsync(cache, upstream.Address))
        {
            using var http = Gateways.Client(restarted);
            foreach (var (key, bytes) in files)
            {
                Assert.Equal(bytes, await http.GetByteArrayAsync("/" + key, Ct));
                Assert.Equal(2, upstream.Count(key));
            }
        }

        Assert.All(blobs, blob => Assert.Equal(Path.GetFileName(blob), Sha256Of(File.ReadAllBytes(blob))));
    }

    private sealed class GatewayProcess : IDisposable
    {
        private readonly Process _process;

        private GatewayProcess(Process process, Uri address)
        {
            _process = process;
            Address = address;
        }

        public Uri Address { get; }

        public static async Task<GatewayProcess> StartAsync(string cache, Uri upstream)
        {
            var dll = Path.Combine(AppContext.BaseDirectory, "GoDocker.ProxyGateway.dll");
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { dll, "--cache", cache, "--upstream", upstream.ToString().TrimEnd('/'), "--listen", "127.0.0.1:0" })
            {
                start.ArgumentList.Add(a);
            }

            var process = Process.Start(start)!;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.StartsWith("listening ", StringComparison.Ordinal))
                {
                    // Keep draining output so the child never blocks on a full pipe.
                    _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                    _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
                    return new GatewayProcess(process, new Uri(line["listening ".Length..]));
                }
            }

            throw new Xunit.Sdk.XunitException("gateway process exited before listening: " + await process.StandardError.ReadToEndAsync(CancellationToken.None));
        }

        /// <summary>SIGKILL: no chance to clean up.</summary>
        public void Kill()
        {
            _process.Kill();
            _process.WaitForExit(10_000);
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                Kill();
            }

            _process.Dispose();
        }
    }
}
