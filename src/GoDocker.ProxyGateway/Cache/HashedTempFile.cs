using System.Buffers;
using System.Security.Cryptography;

namespace GoDocker.ProxyGateway.Cache;

/// <summary>
/// A download written whole to a file in the cache's tmp/ folder and hashed as it was written. Nothing reads it
/// until <see cref="IModuleCache.PutAsync"/> renames it into the blob store; disposing deletes what was not moved.
/// </summary>
public sealed class HashedTempFile : IDisposable
{
    private const int BufferSize = 81920;

    private bool _moved;

    private HashedTempFile(string path, string sha256, long size, Task durable, byte[]? bytes)
    {
        Path = path;
        Sha256 = sha256;
        Size = size;
        Durable = durable;
        Bytes = bytes;
    }

    /// <summary>
    /// Content this small, bound for the blob store, is renamed in without an fsync (the go command's .info and .mod
    /// misses wait for each one in turn; two fsyncs were a quarter of a cold download). After a power loss such a
    /// blob may hold zeros, so the blob store checks it against its name whenever it opens it (<see cref="UnsyncedBlobCheck"/>).
    /// </summary>
    public const int UnsyncedLimit = 16 * 1024;

    public string Path { get; }
    public string Sha256 { get; }
    public long Size { get; }

    /// <summary>The content itself when it is at most <see cref="UnsyncedLimit"/> bytes, so checks need not read it back; else null.</summary>
    public byte[]? Bytes { get; }

    /// <summary>
    /// Completes when the bytes are on disk (fsync; at once for small blob content, see <see cref="UnsyncedLimit"/>);
    /// faults with a <see cref="CacheWriteException"/> when the disk refused them. Nothing may rename the file into
    /// place before that.
    /// </summary>
    public Task Durable { get; }

    /// <summary>Copies <paramref name="source"/> to a new file in tmp/, hashing as it goes.</summary>
    /// <param name="syncInBackground">
    /// Start the fsync on the thread pool and return at once (see <see cref="Durable"/>), so that checking the file
    /// runs while the disk writes it; otherwise the file is on disk when this returns.
    /// </param>
    /// <param name="forBlobStore">The file goes to the blob store: up to <see cref="UnsyncedLimit"/> bytes it is not synced.</param>
    /// <exception cref="InvalidDataException">The source is longer than <paramref name="maxBytes"/> (checked as it streams).</exception>
    /// <exception cref="CacheWriteException">The cache's disk refused the bytes.</exception>
    public static async Task<HashedTempFile> WriteAsync(CacheLayout layout, Stream source, CancellationToken cancellationToken, long maxBytes = long.MaxValue,
        bool syncInBackground = false, bool forBlobStore = false)
    {
        var path = layout.NewTempPath();
        FileStream? target = null;

        // Pooled: a fresh 80 KB buffer per download made gen0 collections 8 % of the CPU of a .info miss.
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long size = 0;
            target = await CacheWriteException.GuardAsync("a download in tmp/", () =>
                // FileShare.Read: with the sync in the background the file is checked while this handle is still open.
                Task.FromResult(new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 1, FileOptions.None)));
            int read;

            // Pieces go one after the other into the buffer until it is full, so a file that fits is whole in it.
            var filled = 0;

            // Reading may fail because of the upstream; writing, only because of the cache's disk.
            while ((read = await source.ReadAsync(buffer.AsMemory(filled), cancellationToken)) > 0)
            {
                size += read;
                if (size > maxBytes)
                {
                    throw new InvalidDataException($"it is larger than the limit of {maxBytes} bytes");
                }

                hash.AppendData(buffer, filled, read);
                // A synchronous write: it lands in the page cache in microseconds, where an async one on Linux
                // is queued to the thread pool (a hop per piece; measured in cold-path.sh).
                var at = filled;
                await CacheWriteException.GuardAsync("a download in tmp/", () =>
                {
                    target.Write(buffer, at, read);
                    return Task.CompletedTask;
                });
                filled = filled + read == buffer.Length ? 0 : filled + read;
            }

            var sha256 = Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
            var written = target;
            target = null;
            Task durable;
            if (forBlobStore && size <= UnsyncedLimit)
            {
                written.Dispose();
                durable = Task.CompletedTask;
            }
            else if (syncInBackground)
            {
                durable = Task.Run(() => SyncAndClose(written));
            }
            else
            {
                SyncAndClose(written);
                durable = Task.CompletedTask;
            }

            return new HashedTempFile(path, sha256, size, durable, size <= UnsyncedLimit ? buffer.AsSpan(0, (int)size).ToArray() : null);
        }
        catch
        {
            target?.Dispose();
            TryDelete(path);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void SyncAndClose(FileStream file)
    {
        using (file)
        {
            CacheWriteException.Guard("a download in tmp/", () => file.Flush(flushToDisk: true));
        }
    }

    /// <summary>Waits for <see cref="Durable"/> (already complete unless the sync runs in the background).</summary>
    /// <exception cref="CacheWriteException">The disk refused the bytes.</exception>
    public void WaitDurable() => Durable.GetAwaiter().GetResult();

    /// <summary>
    /// Renames the file to <paramref name="destination"/> (making its folder when missing); from then on disposing
    /// leaves it alone.
    /// </summary>
    internal void MoveTo(string destination, bool overwrite)
    {
        CacheLayout.MoveIntoFolder(Path, destination, overwrite);
        _moved = true;
    }

    public void Dispose()
    {
        // A background sync that failed has nothing left to report once the file is given up.
        _ = Durable.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        if (!_moved)
        {
            // Only a file still in tmp/: a delete of a name already moved costs a failed unlink and a stat per commit.
            TryDelete(Path);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Left for the startup sweep of tmp/.
        }
    }
}
