namespace GoDocker.ProxyGateway.Cache;

/// <summary>Writes whole files so that readers see the old content or the new, never a part.</summary>
public static class AtomicFile
{
    /// <exception cref="CacheWriteException">The disk refused the write; the old content (if any) is still there.</exception>
    public static async Task WriteAllBytesAsync(CacheLayout layout, string destination, byte[] content, CancellationToken cancellationToken)
    {
        using var prepared = await PrepareAsync(layout, Path.GetFileName(destination), content, cancellationToken);
        prepared.MoveTo(destination);
    }

    /// <summary>
    /// Writes <paramref name="content"/> to a new file in tmp/ and makes it durable (unless told not to), to be moved
    /// into place later (<see cref="PreparedFile.MoveTo"/>): the slow part, done before any lock the move needs.
    /// </summary>
    /// <exception cref="CacheWriteException">The disk refused the write.</exception>
    /// <param name="sync">False to skip the fsync, for a file whose loss or emptying by a power loss is harmless.</param>
    public static Task<PreparedFile> PrepareAsync(CacheLayout layout, string what, byte[] content, CancellationToken cancellationToken, bool sync = true) =>
        CacheWriteException.GuardAsync(what, () =>
        {
            var temp = layout.NewTempPath();
            try
            {
                // Synchronous: a small file into the page cache; async file I/O on Linux only adds a thread-pool hop.
                cancellationToken.ThrowIfCancellationRequested();
                using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None))
                {
                    stream.Write(content);
                    stream.Flush(flushToDisk: sync);
                }

                return Task.FromResult(new PreparedFile(temp, what));
            }
            catch
            {
                PreparedFile.TryDelete(temp);
                throw;
            }
        });

    /// <summary>A file in tmp/ waiting to be moved into place; disposing deletes it unless it was moved.</summary>
    public sealed class PreparedFile : IDisposable
    {
        private readonly string _temp;
        private readonly string _what;
        private bool _moved;

        internal PreparedFile(string temp, string what)
        {
            _temp = temp;
            _what = what;
        }

        /// <summary>Renames the file over <paramref name="destination"/> (creating its folder).</summary>
        /// <exception cref="CacheWriteException">The disk refused the move; the old content (if any) is still there.</exception>
        public void MoveTo(string destination)
        {
            CacheWriteException.Guard(_what, () => CacheLayout.MoveIntoFolder(_temp, destination, overwrite: true));
            _moved = true;
        }

        public void Dispose()
        {
            if (!_moved)
            {
                TryDelete(_temp);
            }
        }

        internal static void TryDelete(string path)
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
}
