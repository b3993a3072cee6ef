namespace GoDocker.ProxyGateway.Cache;

/// <summary>Pinned content opened for reading (owned by the caller) and the pin it belongs to.</summary>
public sealed record CachedFile(FileStream Content, PinRecord Pin);
