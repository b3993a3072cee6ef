namespace GoDocker.ProxyGateway.Cache;

/// <summary>Content by its SHA-256, shared by the cache and every snapshot.</summary>
public interface IContentStore
{
    /// <summary>The content opened for reading, or null when it is not (or no longer) present.</summary>
    FileStream? Open(string sha256);

    bool Has(string sha256);
}
