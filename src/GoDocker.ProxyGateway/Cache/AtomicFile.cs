namespace GoDocker.ProxyGateway.Cache;

/// <summary>Writes whole files so that readers see the old content or the new, never a part.</summary>
public static class AtomicFile
{
    public static async Task WriteAllBytesAsync(CacheLayout layout, string destination, byte[] content, CancellationToken cancellationToken)
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
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
