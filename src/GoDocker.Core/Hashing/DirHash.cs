using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using GoDocker.Core.Modules;

namespace GoDocker.Core.Hashing;

/// <summary>
/// The go.sum "h1:" hash (golang.org/x/mod/sumdb/dirhash Hash1): a SHA-256 over the sorted lines
/// "hex(sha256(content))  name\n", base64 encoded. File contents are streamed, never loaded whole.
/// </summary>
public static class DirHash
{
    /// <summary>The h1 hash of zero files.</summary>
    public const string EmptyHash = "h1:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";

    /// <summary>Hash1 over names and a function that opens each name's content.</summary>
    public static async Task<string> Hash1Async(
        IEnumerable<string> names, Func<string, CancellationToken, ValueTask<Stream>> open, CancellationToken cancellationToken = default)
    {
        var sorted = names.ToList();
        // Go sorts by bytes; UTF-16 ordinal order differs above U+FFFF.
        sorted.Sort(GoText.CompareUtf8);
        using var summary = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var name in sorted)
        {
            if (name.Contains('\n')) throw new ModuleException("dirhash: filenames with newlines are not supported");
            byte[] fileHash;
            var stream = await open(name, cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                fileHash = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
            }
            AppendLine(summary, fileHash, name);
        }
        return "h1:" + Convert.ToBase64String(summary.GetHashAndReset());
    }

    /// <summary>The h1 hash of a go.mod file's content: what go.sum records on its "/go.mod" lines.</summary>
    public static Task<string> HashGoModAsync(Stream goMod, CancellationToken cancellationToken = default) =>
        Hash1Async(["go.mod"], (_, _) => ValueTask.FromResult<Stream>(new NonClosingStream(goMod)), cancellationToken);

    public static Task<string> HashGoModAsync(byte[] goMod, CancellationToken cancellationToken = default) =>
        HashGoModAsync(new MemoryStream(goMod, writable: false), cancellationToken);

    /// <summary>dirhash.HashDir: every non-directory under dir, named prefix + "/" + slash-separated relative path.</summary>
    public static Task<string> HashDirAsync(string dir, string prefix, CancellationToken cancellationToken = default)
    {
        var root = Path.GetFullPath(dir);
        var files = DirFiles(root, prefix);
        return Hash1Async(files.Keys, (name, _) => ValueTask.FromResult<Stream>(OpenRead(files[name])), cancellationToken);
    }

    /// <summary>dirhash.DirFiles: hash names (forward slashes, prefix in place of dir) mapped to the files on disk.
    /// Like filepath.Walk it never descends into a symlinked directory; the link itself counts as a file.</summary>
    public static Dictionary<string, string> DirFiles(string dir, string prefix)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var root = Path.GetFullPath(dir);
        if (!Directory.Exists(root)) throw new ModuleException($"{root} is not a directory");
        var pending = new Stack<DirectoryInfo>();
        pending.Push(new DirectoryInfo(root));
        while (pending.Count > 0)
        {
            // .NET's recursive enumeration follows directory symlinks, so walk one level at a time.
            foreach (var entry in pending.Pop().EnumerateFileSystemInfos("*", new EnumerationOptions { AttributesToSkip = 0 }))
            {
                if (entry is DirectoryInfo sub && entry.LinkTarget is null)
                {
                    pending.Push(sub);
                    continue;
                }
                var rel = Path.GetRelativePath(root, entry.FullName).Replace(Path.DirectorySeparatorChar, '/');
                result[JoinSlash(prefix, rel)] = entry.FullName;
            }
        }
        return result;
    }

    /// <summary>dirhash.HashZip: every entry name (directories included) and its decompressed content.</summary>
    public static async Task<string> HashZipAsync(string zipPath, CancellationToken cancellationToken = default)
    {
        // Read straight from the file where the zip is a plain one; ZipArchive otherwise, which also reports bad zips.
        var direct = ZipFileHasher.TryHashEntries(zipPath, cancellationToken);
        if (direct is not null)
        {
            var hashes = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var (name, sha) in direct) hashes[name] = sha; // a duplicate name hashes the last entry twice, as Go's map does
            return Summary(direct.Select(e => e.Name), name => hashes[name]);
        }
        using var zip = ZipFile.OpenRead(zipPath);
        var entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
        var names = new List<string>();
        foreach (var entry in zip.Entries)
        {
            names.Add(entry.FullName);
            entries[entry.FullName] = entry;
        }
        return await Hash1Async(names, (name, _) => ValueTask.FromResult(entries[name].Open()), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Hash1's summary over names whose content hashes are already known.</summary>
    private static string Summary(IEnumerable<string> names, Func<string, byte[]> hashOf)
    {
        var sorted = names.ToList();
        sorted.Sort(GoText.CompareUtf8);
        using var summary = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var name in sorted)
        {
            if (name.Contains('\n')) throw new ModuleException("dirhash: filenames with newlines are not supported");
            AppendLine(summary, hashOf(name), name);
        }
        return "h1:" + Convert.ToBase64String(summary.GetHashAndReset());
    }

    private static void AppendLine(IncrementalHash summary, byte[] fileHash, string name)
    {
        summary.AppendData(Encoding.ASCII.GetBytes(Convert.ToHexString(fileHash).ToLowerInvariant() + "  "));
        summary.AppendData(GoText.ToBytes(name));
        summary.AppendData("\n"u8);
    }

    // filepath.Join(prefix, rel) for slash paths: no doubled slash when prefix ends in '/'.
    private static string JoinSlash(string prefix, string rel)
    {
        if (prefix.Length == 0) return rel;
        return prefix.TrimEnd('/') + "/" + rel;
    }

    private static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);

    /// <summary>Lets Hash1 dispose what it opened without closing a caller's stream.</summary>
    private sealed class NonClosingStream(Stream inner) : Stream
    {
        public override bool CanRead => inner.CanRead;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
