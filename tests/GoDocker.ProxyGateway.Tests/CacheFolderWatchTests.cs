using System.Globalization;
using GoDocker.ProxyGateway.Tests.Infrastructure;

namespace GoDocker.ProxyGateway.Tests;

/// <summary>
/// The gateway watches nothing in its cache folder: every miss writes a temp file, a blob and a pin, and a file watch
/// there (ASP.NET Core's config reload watcher on the content root) woke a thread of lstat calls for each of them and
/// held an inotify watch per cache subfolder.
/// </summary>
public sealed class CacheFolderWatchTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_serving_gateway_holds_no_inotify_watch_on_its_cache_folder_or_any_folder_in_it()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "inotify is Linux's");
        using var temp = new TempFolder();
        var folder = new ModuleFolder(temp.Sub("upstream")).Add("example.invalid/m", "v1.0.0", "package m\n");
        await using var upstream = await TestUpstream.StartAsync(folder);
        var cacheFolder = temp.Sub("cache");
        await using var gateway = await Gateways.StartAsync(cacheFolder, upstream.Address);
        using var http = Gateways.Client(gateway);
        (await http.GetAsync("/example.invalid/m/@v/v1.0.0.zip", Ct)).EnsureSuccessStatusCode();

        var cacheInodes = Directory.EnumerateDirectories(cacheFolder, "*", SearchOption.AllDirectories).Prepend(cacheFolder).Select(InodeOf).ToHashSet();
        var watched = WatchedInodes();

        Assert.True(cacheInodes.Count > 3, "the miss made the cache's folders");
        Assert.Empty(watched.Intersect(cacheInodes));
    }

    /// <summary>The inodes every inotify descriptor of this process watches (/proc/self/fdinfo lines "inotify wd:N ino:HEX …").</summary>
    private static HashSet<ulong> WatchedInodes()
    {
        var inodes = new HashSet<ulong>();
        foreach (var info in Directory.EnumerateFiles("/proc/self/fdinfo"))
        {
            string[] lines;
            try
            {
                lines = File.ReadAllLines(info);
            }
            catch (IOException)
            {
                continue; // closed in between
            }
            foreach (var line in lines.Where(l => l.StartsWith("inotify ", StringComparison.Ordinal)))
            {
                var ino = line.Split(' ').First(f => f.StartsWith("ino:", StringComparison.Ordinal))["ino:".Length..];
                inodes.Add(ulong.Parse(ino, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            }
        }
        return inodes;
    }

    private static ulong InodeOf(string path)
    {
        using var stat = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("stat", ["-c", "%i", path]) { RedirectStandardOutput = true })!;
        var output = stat.StandardOutput.ReadToEnd();
        stat.WaitForExit();
        return ulong.Parse(output.Trim(), CultureInfo.InvariantCulture);
    }
}
