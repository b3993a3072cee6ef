namespace GoDocker.ProxyGateway.Cache;

/// <summary>
/// Bytes fully written to a temporary file in the cache's tmp folder and hashed. Nothing is visible to readers
/// until <see cref="DiskModuleCache.CommitAsync"/> renames it into place; disposing deletes what was not committed.
/// </summary>
public sealed class StagedFile(string path, string sha256, long size) : IDisposable
{
    public string Path { get; } = path;
    public string Sha256 { get; } = sha256;
    public long Size { get; } = size;

    public void Dispose()
    {
        try
        {
            File.Delete(Path);
        }
        catch (IOException)
        {
            // Left for the startup sweep of tmp/.
        }
    }
}
