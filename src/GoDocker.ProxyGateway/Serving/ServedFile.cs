using GoDocker.ProxyGateway.Protocol;

namespace GoDocker.ProxyGateway.Serving;

/// <summary>An answer ready to send: the content stream (owned), its length when known, and where it came from.</summary>
public sealed class ServedFile(Stream content, long? length, ModuleFileKind kind, bool fromCache, IDisposable? owner = null) : IAsyncDisposable
{
    public Stream Content { get; } = content;
    public long? Length { get; } = length;
    public ModuleFileKind Kind { get; } = kind;
    public bool FromCache { get; } = fromCache;

    public static ServedFile FromBytes(byte[] bytes, ModuleFileKind kind, bool fromCache) => new(new MemoryStream(bytes, writable: false), bytes.Length, kind, fromCache);

    public async ValueTask DisposeAsync()
    {
        await Content.DisposeAsync();
        owner?.Dispose();
    }
}
