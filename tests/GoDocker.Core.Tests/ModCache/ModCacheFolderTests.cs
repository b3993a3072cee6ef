using GoDocker.Core.BuildGateways;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Tests.ModCache;

/// <summary>GoModCacheDir as a CI job hands it over: missing, unwritable, of another layout, locked, or shared by two builds at once.</summary>
public sealed class ModCacheFolderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("godocker-modcache-").FullName;
    private readonly SourceLocation _at = new("/work/app.goproj", 7, 6);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task A_new_folder_gets_a_layout_marker_and_the_cache_folder()
    {
        var log = new Log();
        var dir = Path.Combine(_root, "restored", "go");
        var cache = await ModCacheFolder.OpenAsync(dir, _at, log, TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        Assert.Equal(Path.Combine(dir, "v1"), cache);
        Assert.True(Directory.Exists(cache));
        Assert.Contains("\"layout\":1", File.ReadAllText(Path.Combine(dir, ModCacheFolder.MarkerFile)), StringComparison.Ordinal);
        Assert.Empty(log.Diagnostics);
        // Opening it again (the next CI run, restored) keeps what is there and says nothing.
        File.WriteAllText(Path.Combine(cache, "kept"), "x");
        await ModCacheFolder.OpenAsync(dir, _at, log, TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        Assert.True(File.Exists(Path.Combine(cache, "kept")));
        Assert.Empty(log.Diagnostics);
    }

    [Fact]
    public async Task A_folder_that_cannot_be_created_is_GD6026_at_the_setting()
    {
        var file = Path.Combine(_root, "a-file");
        File.WriteAllText(file, "not a folder");
        var e = await Assert.ThrowsAsync<DiagnosticException>(() =>
            ModCacheFolder.OpenAsync(Path.Combine(file, "go"), _at, new Log(), TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
        Assert.Equal("GD6026", e.Diagnostic.Code);
        Assert.Equal(_at, e.Diagnostic.Location);
        Assert.Contains(Path.Combine(file, "go"), e.Diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unmarked_content_is_left_unread_with_GD6027()
    {
        var dir = Path.Combine(_root, "old");
        Directory.CreateDirectory(Path.Combine(dir, "cache", "download"));
        File.WriteAllText(Path.Combine(dir, "cache", "download", "half.zip"), "partial");
        var log = new Log();
        var cache = await ModCacheFolder.OpenAsync(dir, _at, log, TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        var warning = Assert.Single(log.Diagnostics);
        Assert.Equal("GD6027", warning.Code);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Empty(Directory.EnumerateFileSystemEntries(cache));
        Assert.True(File.Exists(Path.Combine(dir, "cache", "download", "half.zip")), "the old content is not deleted, only not served");
    }

    [Fact]
    public async Task An_older_layout_is_GD6027_and_a_newer_one_GD6028()
    {
        var older = Path.Combine(_root, "older");
        Directory.CreateDirectory(older);
        File.WriteAllText(Path.Combine(older, ModCacheFolder.MarkerFile), "{\"layout\":0}");
        var log = new Log();
        await ModCacheFolder.OpenAsync(older, _at, log, TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        Assert.Equal("GD6027", Assert.Single(log.Diagnostics).Code);

        var newer = Path.Combine(_root, "newer");
        Directory.CreateDirectory(Path.Combine(newer, "v2"));
        File.WriteAllText(Path.Combine(newer, ModCacheFolder.MarkerFile), "{\"layout\":2}");
        var e = await Assert.ThrowsAsync<DiagnosticException>(() => ModCacheFolder.OpenAsync(newer, _at, new Log(), TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
        Assert.Equal("GD6028", e.Diagnostic.Code);
        Assert.Equal("{\"layout\":2}", File.ReadAllText(Path.Combine(newer, ModCacheFolder.MarkerFile)));
        Assert.False(Directory.Exists(Path.Combine(newer, "v1")), "a newer layout's folder is not touched");
    }

    [Fact]
    public async Task A_lock_held_past_the_timeout_is_GD6029_naming_the_holder()
    {
        var dir = Path.Combine(_root, "busy");
        Directory.CreateDirectory(dir);
        using var held = new FileStream(Path.Combine(dir, ModCacheFolder.LockFile), FileMode.Create, FileAccess.ReadWrite, FileShare.None);
        held.Write("pid 4242 on ci-runner\n"u8);
        held.Flush();
        var e = await Assert.ThrowsAsync<DiagnosticException>(() => ModCacheFolder.OpenAsync(dir, _at, new Log(), TimeSpan.FromMilliseconds(400), TestContext.Current.CancellationToken));
        Assert.Equal("GD6029", e.Diagnostic.Code);
        Assert.Contains(ModCacheFolder.LockFile, e.Diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_builds_opening_one_folder_at_once_both_get_the_same_cache()
    {
        var dir = Path.Combine(_root, "shared");
        var logs = Enumerable.Range(0, 8).Select(_ => new Log()).ToList();
        var caches = await Task.WhenAll(logs.Select(log => Task.Run(() =>
            ModCacheFolder.OpenAsync(dir, _at, log, TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken), TestContext.Current.CancellationToken)));
        Assert.Single(caches.Distinct());
        Assert.All(logs, l => Assert.Empty(l.Diagnostics));
        Assert.Equal("{\"layout\":1}\n", File.ReadAllText(Path.Combine(dir, ModCacheFolder.MarkerFile)));
    }

    private sealed class Log : IOperationLog
    {
        public List<Diagnostic> Diagnostics { get; } = [];
        public void Progress(string text) { }
        public void Detail(string text) { }
        public void Report(Diagnostic diagnostic)
        {
            lock (Diagnostics)
            {
                Diagnostics.Add(diagnostic);
            }
        }
    }
}
