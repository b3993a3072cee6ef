namespace GoDocker.ProxyGateway.Cache;

/// <summary>
/// The module cache as every part of the gateway sees it, after goproxy's two-method Cacher: get what is pinned
/// under a key, put verified content under a key. <see cref="Pins"/> lists what is pinned, content or not.
/// Content by hash (snapshots) is <see cref="IContentStore"/>; list answers are <see cref="IListCache"/>.
/// </summary>
public interface IModuleCache
{
    /// <summary>The pinned content of <paramref name="key"/>, opened, or null when never stored or evicted.</summary>
    CachedFile? Get(string key);

    /// <summary>The pinned content of <paramref name="key"/> held open for serving, with a reference the caller releases; null as for <see cref="Get"/>.</summary>
    OpenBlob? Acquire(string key);

    /// <summary>Makes <paramref name="content"/> the pinned content of <paramref name="key"/>; a pin with other bytes wins.</summary>
    Task<CommitOutcome> PutAsync(string key, HashedTempFile content, string? h1, CancellationToken cancellationToken);

    /// <summary>The pin of <paramref name="key"/>, whether its content is held or was evicted; null when never stored.</summary>
    PinRecord? GetPin(string key);

    IReadOnlyList<PinRecord> Pins();
}
