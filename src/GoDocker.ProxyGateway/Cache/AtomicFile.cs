namespace GoDocker.ProxyGateway.Cache;

/// <summary>Writes whole files so that readers see the old content or the new, never a part.</summary>
public static class AtomicFile
{
    /// <exception cref="CacheWriteException">The disk refused the write; the old content (if any) is still there.</exception>
    public static Task WriteAllBytesAsync(CacheLayout layout, string destination, byte[] content, CancellationToken cancellationToken) =>
        CacheWriteException.GuardAsync(Path.GetFileName(destination), () => WriteAsync(layout, destination, content, cancellationToken));

    private static async Task WriteAsync(CacheLayout layout, string destination, byte[] content, CancellationToken cancellationToken)
    {
        var temp = layout.NewTempPath();
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await stream.WriteAsync(content, cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Move(temp, destination, overwrite: true);
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
