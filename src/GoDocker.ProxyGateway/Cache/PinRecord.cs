namespace GoDocker.ProxyGateway.Cache;

/// <summary>
/// What the gateway first stored for one immutable module file. Pins outlive eviction of the content, so a
/// version can never silently come back with different bytes.
/// </summary>
/// <param name="Key">The request key, e.g. <c>golang.org/x/text/@v/v0.3.0.zip</c>.</param>
/// <param name="Sha256">Lowercase hex SHA-256 of the bytes; also the content's name in the blob store.</param>
/// <param name="H1">The go.sum <c>h1:</c> hash of a .zip or .mod (null for .info), computed before the file became visible.</param>
public sealed record PinRecord(string Key, string Sha256, long Size, string? H1, DateTimeOffset StoredAt);
