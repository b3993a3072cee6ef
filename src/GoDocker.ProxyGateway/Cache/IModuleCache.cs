namespace GoDocker.ProxyGateway.Cache;

/// <summary>The cache as the request path sees it: read pinned content, stage and commit new content, lists.</summary>
public interface IModuleCache
{
    PinRecord? GetPin(string key);
    IReadOnlyList<PinRecord> Pins();
    bool HasBlob(string sha256);
    FileStream? TryOpen(string key, out PinRecord? pin);
    FileStream? OpenBlob(string sha256);
    Task<StagedFile> StageAsync(Stream source, CancellationToken cancellationToken);
    Task<CommitOutcome> CommitAsync(string key, StagedFile staged, string? h1, CancellationToken cancellationToken);
    ListRecord? GetList(string key);
    Task PutListAsync(ListRecord record, CancellationToken cancellationToken);
}
