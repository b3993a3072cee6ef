using System.Security.Cryptography;

namespace GoDocker.ProxyGateway.Cache;

/// <summary>
/// A download written whole to a file in the cache's tmp/ folder and hashed as it was written. Nothing reads it
/// until <see cref="IModuleCache.PutAsync"/> renames it into the blob store; disposing deletes what was not moved.
/// </summary>
public sealed class HashedTempFile : IDisposable
{
    private HashedTempFile(string path, string sha256, long size)
    {
        Path = path;
        Sha256 = sha256;
        Size = size;
    }

    public string Path { get; }
    public string Sha256 { get; }
    public long Size { get; }

    /// <summary>Copies <paramref name="source"/> to a new file in tmp/, hashing as it goes.</summary>
    /// <exception cref="InvalidDataException">The source is longer than <paramref name="maxBytes"/> (checked as it streams).</exception>
    /// <exception cref="CacheWriteException">The cache's disk refused the bytes.</exception>
    public static async Task<HashedTempFile> WriteAsync(CacheLayout layout, Stream source, CancellationToken cancellationToken, long maxBytes = long.MaxValue)
    {
        var path = layout.NewTempPath();
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long size = 0;
            var target = await CacheWriteException.GuardAsync("a download in tmp/", () =>
                Task.FromResult(new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None)));
            await using (target)
            {
                var buffer = new byte[81920];
                int read;

                // Reading may fail because of the upstream; writing, only because of the cache's disk.
                while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    size += read;
                    if (size > maxBytes)
                    {
                        throw new InvalidDataException($"it is larger than the limit of {maxBytes} bytes");
                    }

                    hash.AppendData(buffer, 0, read);
                    // A synchronous write: it lands in the page cache in microseconds, where an async one on Linux
                    // is queued to the thread pool (a hop per piece; measured in cold-path.sh).
                    await CacheWriteException.GuardAsync("a download in tmp/", () =>
                    {
                        target.Write(buffer, 0, read);
                        return Task.CompletedTask;
                    });
                }

                await CacheWriteException.GuardAsync("a download in tmp/", () =>
                {
                    target.Flush(flushToDisk: true);
                    return Task.CompletedTask;
                });
            }

            return new HashedTempFile(path, Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant(), size);
        }
        catch
        {
            TryDelete(path);
            throw;
        }
    }

    public void Dispose() => TryDelete(Path);

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
