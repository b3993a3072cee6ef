using GoDocker.ProxyGateway.Cache;

namespace GoDocker.ProxyGateway.Snapshots;

/// <summary>
/// A frozen view of the cache: which content each module file had at <see cref="CreatedAt"/>, by hash.
/// The content itself stays in the shared blob store (no copy).
/// </summary>
public sealed record SnapshotManifest(string Name, DateTimeOffset CreatedAt, IReadOnlyList<PinRecord> Files, IReadOnlyList<ListRecord> Lists)
{
    public long TotalBytes => Files.DistinctBy(f => f.Sha256).Sum(f => f.Size);

    /// <summary>Distinct module versions held (counted by their .mod or .zip files).</summary>
    public int ModuleVersionCount => Files.Select(f => f.Key[..f.Key.LastIndexOf('.')]).Distinct(StringComparer.Ordinal).Count();
}

/// <summary>One line of <c>snapshot list</c>.</summary>
public sealed record SnapshotSummary(string Name, DateTimeOffset CreatedAt, int ModuleVersions, int Files, long TotalBytes, bool IsDefaultView);
