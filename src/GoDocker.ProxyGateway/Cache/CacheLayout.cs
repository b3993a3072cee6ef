using System.Security.Cryptography;
using System.Text;

namespace GoDocker.ProxyGateway.Cache;

/// <summary>
/// Where things live under a cache folder. Every file name is derived from a hash, never from request text:
/// <c>blobs/ab/&lt;sha256&gt;</c> (content, shared by cache and snapshots), <c>pins/ab/&lt;sha256(key)&gt;.json</c>,
/// <c>lists/ab/&lt;sha256(key)&gt;.json</c>, <c>snapshots/&lt;name&gt;.json</c>, <c>view</c> and <c>tmp/</c>.
/// </summary>
public sealed class CacheLayout
{
    public CacheLayout(string root)
    {
        Root = System.IO.Path.GetFullPath(root);
    }

    public string Root { get; }
    public string TempFolder => System.IO.Path.Combine(Root, "tmp");
    public string BlobsFolder => System.IO.Path.Combine(Root, "blobs");
    public string PinsFolder => System.IO.Path.Combine(Root, "pins");
    public string ListsFolder => System.IO.Path.Combine(Root, "lists");
    public string SnapshotsFolder => System.IO.Path.Combine(Root, "snapshots");
    public string ViewFile => System.IO.Path.Combine(Root, "view");

    public string BlobPath(string sha256) => System.IO.Path.Combine(BlobsFolder, sha256[..2], sha256);
    public string PinPath(string key) => Hashed(PinsFolder, key);
    public string ListPath(string key) => Hashed(ListsFolder, key);

    /// <summary>A new file in tmp/, named after this process so a sweep by another process can tell it is in use.</summary>
    public string NewTempPath() => System.IO.Path.Combine(TempFolder, $"{Environment.ProcessId}-{Guid.NewGuid():N}.partial");

    /// <summary>The process that writes a tmp/ file, from its name; null for a name this layout did not make.</summary>
    public static int? TempFileWriter(string path)
    {
        var name = System.IO.Path.GetFileName(path);
        var dash = name.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && int.TryParse(name.AsSpan(0, dash), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid) ? pid : null;
    }

    public void EnsureFolders()
    {
        foreach (var folder in new[] { TempFolder, BlobsFolder, PinsFolder, ListsFolder, SnapshotsFolder })
        {
            Directory.CreateDirectory(folder);
        }

        // All fan-out folders of content and pins up front (~8 ms, once per cache): made on demand, they cost a failed
        // rename, an exception and a mkdir in most of the first few hundred commits, which a build's prefetch makes
        // while the go command waits for them (build/bench/README.md, cold path).
        foreach (var folder in new[] { BlobsFolder, PinsFolder })
        {
            // Made in order, so the last one present means all are; one removed later is still made by MoveIntoFolder.
            if (Directory.Exists(System.IO.Path.Combine(folder, FanOutName(255))))
            {
                continue;
            }

            try
            {
                for (var i = 0; i < 256; i++)
                {
                    Directory.CreateDirectory(System.IO.Path.Combine(folder, FanOutName(i)));
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Only a head start: a cache that cannot be written (a read-only snapshot volume) still opens and serves,
                // and a commit that needs a missing folder makes it or reports the disk as any write does.
                return;
            }
        }
    }

    private static string FanOutName(int i) => i.ToString("x2", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Renames <paramref name="source"/> to <paramref name="destination"/>, creating the destination's fan-out folder
    /// only when the rename finds it missing (lists, or a folder removed since <see cref="EnsureFolders"/>): a mkdir
    /// before every commit was 5 % of the CPU of a .info miss.
    /// </summary>
    public static void MoveIntoFolder(string source, string destination, bool overwrite)
    {
        try
        {
            File.Move(source, destination, overwrite);
        }
        // .NET reports a missing folder as FileNotFoundException when the folder exists by the time it looks, as when
        // another writer (a replica on the same share) created it in between; the source still there tells them apart.
        catch (IOException e) when (e is DirectoryNotFoundException or FileNotFoundException && File.Exists(source))
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(destination)!);
            File.Move(source, destination, overwrite);
        }
    }

    public static string Sha256Hex(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();

    public static bool IsSha256Hex(string s) => s.Length == 64 && s.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

    private static string Hashed(string folder, string key)
    {
        var h = Sha256Hex(key);
        return System.IO.Path.Combine(folder, h[..2], h + ".json");
    }
}
