using GoDocker.ProxyGateway.Cache;

namespace GoDocker.ProxyGateway.ChecksumDatabase;

/// <summary>
/// Checksum database answers on disk: <c>&lt;cache&gt;/sumdb/&lt;name&gt;/ab/&lt;sha256(path)&gt;</c>, written
/// atomically; a file's write time is when it was fetched (it matters for <c>latest</c> only). No file name is built
/// from request text except the database name, which is checked first.
/// </summary>
public sealed class ChecksumDatabaseCache(CacheLayout layout)
{
    public string Root => Path.Combine(layout.Root, "sumdb");

    /// <summary>Database names as the go command writes them (host names such as sum.golang.org).</summary>
    public static bool IsValidName(string name) =>
        name.Length is > 0 and <= 253 && name[0] != '.' && !name.Contains("..", StringComparison.Ordinal)
        && name.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '.' or '-');

    /// <summary>Whether any answer of <paramref name="name"/> is cached (then it is served without a --sumdb).</summary>
    public bool Holds(string name) => Directory.Exists(Path.Combine(Root, name));

    public (byte[] Body, TimeSpan Age)? Read(string name, string path)
    {
        var file = PathOf(name, path);
        try
        {
            var written = File.GetLastWriteTimeUtc(file);
            return File.Exists(file) ? (File.ReadAllBytes(file), DateTime.UtcNow - written) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <exception cref="CacheWriteException">The disk refused the write.</exception>
    public Task WriteAsync(string name, string path, byte[] body, CancellationToken cancellationToken) =>
        AtomicFile.WriteAllBytesAsync(layout, PathOf(name, path), body, cancellationToken);

    private string PathOf(string name, string path)
    {
        var h = CacheLayout.Sha256Hex(path);
        return Path.Combine(Root, name, h[..2], h);
    }
}
