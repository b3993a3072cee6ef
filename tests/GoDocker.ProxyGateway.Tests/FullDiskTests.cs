using System.Diagnostics;
using System.Text;
using GoDocker.ProxyGateway.Tests.Infrastructure;

namespace GoDocker.ProxyGateway.Tests;

/// <summary>
/// A cache on a real full disk: the gateway executable runs in its own mount namespace (unshare) with its cache on
/// a 256 KiB tmpfs, so writing a larger zip hits ENOSPC for real.
/// </summary>
public sealed class FullDiskTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_full_cache_disk_is_a_507_counted_and_logged_as_the_gateways_disk_never_blamed_on_the_upstream_and_leaves_no_orphan()
    {
        using var temp = new TempFolder();
        var large = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(600_000));
        var folder = new ModuleFolder(temp.Sub("upstream")).Add("example.invalid/m", "v1.0.0", large);
        await using var upstream = await TestUpstream.StartAsync(folder);
        var cache = temp.Sub("cache");
        Directory.CreateDirectory(cache);
        using var gateway = await SmallDiskGateway.StartAsync(cache, upstream.Address);
        using var http = new HttpClient { BaseAddress = gateway.Address, Timeout = TimeSpan.FromSeconds(30) };
        var mod = await http.GetStringAsync("/example.invalid/m/@v/v1.0.0.mod", Ct);

        using var zip = await http.GetAsync("/example.invalid/m/@v/v1.0.0.zip", Ct);
        var body = await zip.Content.ReadAsStringAsync(Ct);

        Assert.Equal(507, (int)zip.StatusCode);
        Assert.Contains("the gateway cannot write to its cache", body);
        Assert.Contains("this is the gateway's disk, not the upstream", body);
        Assert.DoesNotContain("broke off", body);
        Assert.Contains("godocker_proxy_disk_failures_total 1", await http.GetStringAsync("/metrics", Ct));
        Assert.Contains("godocker_proxy_upstream_failures_total 0", await http.GetStringAsync("/metrics", Ct));
        Assert.Equal(mod, await http.GetStringAsync("/example.invalid/m/@v/v1.0.0.mod", Ct));
        Assert.Equal(1, upstream.Count("example.invalid/m/@v/v1.0.0.mod"));

        // Seen from inside the gateway's mount namespace: no partial download, and every blob has its pin.
        var inside = gateway.Inside(cache);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(inside, "tmp")));
        var pinned = Directory.EnumerateFiles(Path.Combine(inside, "pins"), "*.json", SearchOption.AllDirectories)
            .Select(f => System.Text.Json.JsonDocument.Parse(File.ReadAllText(f)).RootElement.GetProperty("sha256").GetString()).ToHashSet();
        Assert.All(Directory.EnumerateFiles(Path.Combine(inside, "blobs"), "*", SearchOption.AllDirectories), b => Assert.Contains(Path.GetFileName(b), pinned));
        Assert.Contains("Cache disk failure while storing example.invalid/m/@v/v1.0.0.zip", gateway.Output);
    }

    private sealed class SmallDiskGateway : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output;

        private SmallDiskGateway(Process process, Uri address, StringBuilder output)
        {
            _process = process;
            Address = address;
            _output = output;
        }

        public Uri Address { get; }

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        /// <summary>A path as the gateway process sees it (its mount namespace).</summary>
        public string Inside(string path) => $"/proc/{_process.Id}/root{path}";

        public static async Task<SmallDiskGateway> StartAsync(string cache, Uri upstream)
        {
            var dll = Path.Combine(AppContext.BaseDirectory, "GoDocker.ProxyGateway.dll");
            var start = new ProcessStartInfo("unshare") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { "-r", "-m", "sh", "-c", "mount -t tmpfs -o size=256k tmpfs \"$0\" && exec dotnet \"$1\" --cache \"$0\" --listen 127.0.0.1:0 --upstream \"$2\"", cache, dll, upstream.ToString().TrimEnd('/') })
            {
                start.ArgumentList.Add(a);
            }

            Process process;
            try
            {
                process = Process.Start(start)!;
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                Assert.Skip($"unshare cannot run here ({e.Message}); a real full disk needs a mount namespace");
                throw;
            }

            var output = new StringBuilder();
            _ = Task.Run(async () =>
            {
                while (await process.StandardError.ReadLineAsync() is { } line)
                {
                    lock (output)
                    {
                        output.AppendLine(line);
                    }
                }
            });
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.StartsWith("listening ", StringComparison.Ordinal))
                {
                    _ = Task.Run(async () =>
                    {
                        while (await process.StandardOutput.ReadLineAsync() is { } rest)
                        {
                            lock (output)
                            {
                                output.AppendLine(rest);
                            }
                        }
                    });
                    return new SmallDiskGateway(process, new Uri(line["listening ".Length..]), output);
                }
            }

            await process.WaitForExitAsync(CancellationToken.None);
            var why = await process.StandardError.ReadToEndAsync(CancellationToken.None) + output;
            if (why.Contains("unshare", StringComparison.Ordinal) || why.Contains("mount", StringComparison.Ordinal))
            {
                Assert.Skip($"no mount namespace for a small tmpfs here: {why.Trim()}");
            }

            throw new Xunit.Sdk.XunitException("gateway process exited before listening: " + why);
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }

            _process.Dispose();
        }
    }
}
