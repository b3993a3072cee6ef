using GoDocker.ProxyGateway.Cache;
using GoDocker.ProxyGateway.Snapshots;

namespace GoDocker.ProxyGateway.Hosting;

/// <summary>A cache folder opened without serving: its pins, content, list answers and snapshots.</summary>
public sealed record OpenedCache(DiskModuleCache Cache, BlobStore Blobs, ListStore Lists, SnapshotStore Snapshots)
{
    public void Deconstruct(out DiskModuleCache cache, out SnapshotStore snapshots)
    {
        cache = Cache;
        snapshots = Snapshots;
    }
}
