using Microsoft.Win32.SafeHandles;

namespace GoDocker.ProxyGateway.Cache;

/// <summary>
/// A committed blob held open for serving. Blobs never change once renamed in (they are named by their hash), so
/// one handle, its length and its ETag serve every request, as nginx's open_file_cache does: no open, stat or close
/// per request. Readers take a reference; the handle closes when the table and the last reader have let go, so
/// eviction never cuts off a response in progress.
/// </summary>
public sealed class OpenBlob
{
    private readonly FileStream _file;
    private int _references = 1; // the table's own
    private long _checkedAt;

    internal OpenBlob(SafeFileHandle handle, string sha256, long length, long checkedAt)
    {
        _file = new FileStream(handle, FileAccess.Read, bufferSize: 0, isAsync: handle.IsAsync);
        Sha256 = sha256;
        Length = length;
        ETag = "\"" + sha256 + "\"";
        _checkedAt = checkedAt;
    }

    public string Sha256 { get; }
    public long Length { get; }

    /// <summary>The strong validator sent with the content: its SHA-256, quoted, made once.</summary>
    public string ETag { get; }

    /// <summary>When the blob was last seen on disk under its name (Environment.TickCount64).</summary>
    internal long CheckedAt
    {
        get => Interlocked.Read(ref _checkedAt);
        set => Interlocked.Exchange(ref _checkedAt, value);
    }

    /// <summary>Reads at <paramref name="offset"/> (pread: no shared file position, so concurrent readers need no lock).</summary>
    public int Read(long offset, Span<byte> buffer) => RandomAccess.Read(_file.SafeFileHandle, buffer, offset);

    /// <summary>The handle as a stream for sendfile (SendPacketsElement); its position is never used, offsets are explicit.</summary>
    internal FileStream File => _file;

    /// <summary>Takes a reference for one reader; false once the handle is being closed.</summary>
    internal bool TryAddReference()
    {
        var seen = Volatile.Read(ref _references);
        while (seen > 0)
        {
            var before = Interlocked.CompareExchange(ref _references, seen + 1, seen);
            if (before == seen)
            {
                return true;
            }

            seen = before;
        }

        return false;
    }

    /// <summary>Gives a reference back (a reader's, or the table's when it drops the blob); the last one closes the handle.</summary>
    public void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0)
        {
            _file.Dispose();
        }
    }
}
