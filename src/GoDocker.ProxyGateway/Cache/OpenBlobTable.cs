using System.Collections.Concurrent;

namespace GoDocker.ProxyGateway.Cache;

/// <summary>
/// The blobs held open for serving, bounded in count (each costs a file descriptor). A blob found missing from disk
/// (deleted by another process, e.g. a replica's eviction) is dropped within <see cref="RecheckInterval"/>: until
/// then its handle still serves the very bytes its name promises, which is what a reader who opened it would get.
/// </summary>
internal sealed class OpenBlobTable(Func<string, string> pathOf, int capacity = OpenBlobTable.DefaultCapacity)
{
    public const int DefaultCapacity = 512;

    /// <summary>How long a held blob is served without looking at its name on disk again (one stat per blob per interval).</summary>
    public const long RecheckInterval = 1000;

    private readonly ConcurrentDictionary<string, OpenBlob> _open = new(StringComparer.Ordinal);

    public int Count => _open.Count;

    /// <summary>The blob with a reference taken for the caller (who must release it), or null when it is not on disk.</summary>
    public OpenBlob? Acquire(string sha256)
    {
        var now = Environment.TickCount64;
        if (_open.TryGetValue(sha256, out var held))
        {
            if (now - held.CheckedAt > RecheckInterval)
            {
                if (!File.Exists(pathOf(sha256)))
                {
                    Drop(sha256);
                    return null;
                }

                held.CheckedAt = now;
            }

            if (held.TryAddReference())
            {
                return held;
            }
        }

        return Open(sha256, now);
    }

    /// <summary>Closes the blob's handle once its readers are done (it is being deleted).</summary>
    public void Drop(string sha256)
    {
        if (_open.TryRemove(sha256, out var held))
        {
            held.Release();
        }
    }

    private OpenBlob? Open(string sha256, long now)
    {
        // Opened for asynchronous I/O only because sendfile (SendPacketsElement) takes no other stream; Read stays a
        // synchronous pread on Linux either way (blobs are hot in the page cache).
        if (UnsyncedBlobCheck.Open(pathOf(sha256), sha256, FileOptions.Asynchronous, out var length) is not { } handle)
        {
            return null;
        }

        OpenBlob blob;
        try
        {
            blob = new OpenBlob(handle, sha256, length, now);
        }
        catch
        {
            handle.Dispose();
            throw;
        }

        // The caller's reference, on top of the table's.
        blob.TryAddReference();
        if (_open.Count >= capacity || !_open.TryAdd(sha256, blob))
        {
            // Full, or another request opened it first: this handle serves the caller alone.
            blob.Release();
        }

        return blob;
    }
}
