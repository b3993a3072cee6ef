using System.Globalization;
using System.Text.Json;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.BuildGateways;

/// <summary>
/// The Gateway mode's cache folder (GoModCacheDir): a layout marker, <c>godocker-modcache.json</c>, and the gateway's
/// cache in <c>v{layout}/</c>. A folder of another layout is never read: an older or unmarked one is left alone with
/// GD6027, a newer one is GD6028. The marker is checked and written under an exclusive lock file; serving from the
/// folder needs no lock, because the gateway's cache writes every file atomically and is shared safely by several
/// gateway processes (as replicas share one), so two builds of one CI job can use the same folder at once.
/// </summary>
public static class ModCacheFolder
{
    /// <summary>The layout this version writes and reads.</summary>
    public const int Layout = 1;
    public const string MarkerFile = "godocker-modcache.json";
    public const string LockFile = ".godocker-modcache.lock";
    private const string ProbePrefix = ".godocker-probe-";

    public static string CacheFolderName => "v" + Layout.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The gateway's cache folder inside <paramref name="directory"/>, created and checked; throws GD6026, GD6028 or
    /// GD6029, and reports GD6027 (a warning) to <paramref name="log"/>.
    /// </summary>
    public static async Task<string> OpenAsync(string directory, SourceLocation? location, IOperationLog log, TimeSpan lockTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        var cache = Path.Combine(directory, CacheFolderName);
        try
        {
            Directory.CreateDirectory(directory);
            // A write probe: a read-only or full file system fails here, not half way through a module.
            var probe = Path.Combine(directory, $"{ProbePrefix}{Environment.ProcessId}-{Guid.NewGuid():N}");
            await File.WriteAllTextAsync(probe, "probe", cancellationToken).ConfigureAwait(false);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DiagnosticException(DiagnosticCatalog.ModCacheDirNotWritable.Create(location, directory, Reason(e)));
        }

        using var held = await LockAsync(directory, location, lockTimeout, cancellationToken).ConfigureAwait(false);
        var marker = Path.Combine(directory, MarkerFile);
        try
        {
            var found = ReadLayout(marker);
            if (found > Layout)
            {
                throw new DiagnosticException(DiagnosticCatalog.ModCacheDirNewerLayout.Create(location, directory, found, Layout));
            }
            if (found is null or < Layout)
            {
                var others = Directory.EnumerateFileSystemEntries(directory)
                    .Select(Path.GetFileName)
                    // Another build's write probe may stand there for a moment: it is not content.
                    .Where(n => n is not (LockFile or MarkerFile) && n != CacheFolderName && !n!.StartsWith(ProbePrefix, StringComparison.Ordinal))
                    .ToList();
                if (found is not null || others.Count > 0)
                {
                    var what = found is null ? $"{others.Count} entries without a layout marker ({string.Join(", ", others.Take(3))}{(others.Count > 3 ? ", …" : "")})"
                        : found == 0 ? "an unreadable layout marker" : $"a module cache of layout {found}";
                    log.Report(DiagnosticCatalog.ModCacheDirOlderLayout.Create(location, directory, what, Layout, cache));
                }
                Directory.CreateDirectory(cache);
                var temp = marker + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ".tmp";
                await File.WriteAllTextAsync(temp, JsonSerializer.Serialize(new { layout = Layout }) + "\n", cancellationToken).ConfigureAwait(false);
                File.Move(temp, marker, overwrite: true);
            }
            Directory.CreateDirectory(cache);
            return cache;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DiagnosticException(DiagnosticCatalog.ModCacheDirNotWritable.Create(location, directory, Reason(e)));
        }
    }

    /// <summary>The marker's layout: null without a marker, 0 when it cannot be read as one.</summary>
    private static int? ReadLayout(string marker)
    {
        if (!File.Exists(marker))
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(marker));
            return document.RootElement.TryGetProperty("layout", out var layout) && layout.TryGetInt32(out var value) && value > 0 ? value : 0;
        }
        catch (JsonException)
        {
            return 0;
        }
    }

    private static async Task<FileStream> LockAsync(string directory, SourceLocation? location, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, LockFile);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive flock on Unix: released when the process ends, even by a crash.
                var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                stream.SetLength(0);
                var owner = System.Text.Encoding.UTF8.GetBytes($"pid {Environment.ProcessId} on {Environment.MachineName}\n");
                stream.Write(owner);
                stream.Flush();
                return stream;
            }
            catch (IOException) when (File.Exists(path))
            {
                if (DateTime.UtcNow >= deadline)
                {
                    throw new DiagnosticException(DiagnosticCatalog.ModCacheDirBusy.Create(location, directory, Owner(path),
                        timeout.TotalSeconds.ToString("0", CultureInfo.InvariantCulture), path));
                }
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static string Owner(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            return reader.ReadLine() is { Length: > 0 } line ? line : "an unknown process";
        }
        catch (IOException)
        {
            return "an unknown process";
        }
    }

    private static string Reason(Exception e) => e switch
    {
        UnauthorizedAccessException => "permission denied (" + e.Message.TrimEnd('.') + ")",
        IOException io when io.HResult == 28 || io.Message.Contains("No space", StringComparison.OrdinalIgnoreCase) => "the disk is full (" + e.Message.TrimEnd('.') + ")",
        _ => e.Message.TrimEnd('.'),
    };
}
