namespace GoDocker.ProxyGateway.Cache;

/// <summary>Content by its SHA-256, shared by the cache and every snapshot.</summary>
public interface IContentStore
{
    /// <summary>The content opened for reading, or null when it is not (or no longer) present.</summary>
    FileStream? Open(string sha256);

    /// <summary>The content held open for serving, with a reference taken that the caller releases; null when not present.</summary>
    OpenBlob? Acquire(string sha256);

    bool Has(string sha256);
}
