namespace GoDocker.ProxyGateway.Cache;

/// <summary>Writes whole files so that readers see the old content or the new, never a part.</summary>
public static class AtomicFile
{
    /// <exception cref="CacheWriteException">The disk refused the write; the old content (if any) is still there.</exception>
    public static Task WriteAllBytesAsync(CacheLayout layout, string destination, byte[] content, CancellationToken cancellationToken) =>
        CacheWriteException.GuardAsync(Path.GetFileName(destination), () => WriteAsync(layout, destination, content, cancellationToken));

    private static Task WriteAsync(CacheLayout layout, string destination, byte[] content, CancellationToken cancellationToken)
    {
        var temp = layout.NewTempPath();
        try
        {
            // Synchronous: a small file into the page cache; async file I/O on Linux only adds a thread-pool hop.
            cancellationToken.ThrowIfCancellationRequested();
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Move(temp, destination, overwrite: true);
            return Task.CompletedTask;
        }
        finally
        {
            try
            {
                File.Delete(temp);
            }
            catch (IOException)
            {
                // Left for the startup sweep of tmp/.
            }
        }
    }
}
