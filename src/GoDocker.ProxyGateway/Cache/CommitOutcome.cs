namespace GoDocker.ProxyGateway.Cache;

public enum CommitStatus
{
    /// <summary>First time this key was stored.</summary>
    Stored,
    /// <summary>Already pinned with the same bytes (content restored after eviction, or a racing fetch).</summary>
    Unchanged,
    /// <summary>Already pinned with different bytes: the new bytes were discarded.</summary>
    ContentChanged,
}

/// <param name="Pin">The pin in force after the commit (the first one, when content changed).</param>
/// <param name="RejectedSha256">The hash of the discarded bytes when <see cref="Status"/> is ContentChanged.</param>
/// <param name="PinnedContentPresent">Whether the pin's content is in the cache (false: evicted, nothing to serve).</param>
public sealed record CommitOutcome(CommitStatus Status, PinRecord Pin, string? RejectedSha256 = null, bool PinnedContentPresent = true);
