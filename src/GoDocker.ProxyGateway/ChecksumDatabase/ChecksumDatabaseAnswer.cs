namespace GoDocker.ProxyGateway.ChecksumDatabase;

/// <summary>One answer to a /sumdb/ request: status, body and whether the gateway's cache sent it.</summary>
public sealed record ChecksumDatabaseAnswer(int Status, byte[] Body, string ContentType, bool FromCache);
