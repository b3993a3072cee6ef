using GoDocker.ProxyGateway.Cache;
using GoDocker.ProxyGateway.Protocol;

namespace GoDocker.ProxyGateway.Serving;

/// <summary>
/// An answer ready to send: a committed blob held open (<see cref="Blob"/>, a reference owned) or a content stream
/// (owned), its length when known, and where it came from.
/// </summary>
public sealed class ServedFile : IAsyncDisposable
{
    private readonly IDisposable? _owner;

    public ServedFile(Stream content, long? length, ModuleFileKind kind, bool fromCache, IDisposable? owner = null)
    {
        Content = content;
        Length = length;
        Kind = kind;
        FromCache = fromCache;
        _owner = owner;
    }

    public ServedFile(OpenBlob blob, ModuleFileKind kind, bool fromCache)
    {
        Blob = blob;
        Length = blob.Length;
        Kind = kind;
        FromCache = fromCache;
    }

    /// <summary>The content as a stream; null when it is a <see cref="Blob"/>.</summary>
    public Stream? Content { get; }

    /// <summary>Committed, immutable content held open; null for lists, @latest and pass-through answers.</summary>
    public OpenBlob? Blob { get; }

    public long? Length { get; }
    public ModuleFileKind Kind { get; }
    public bool FromCache { get; }

    public static ServedFile FromBytes(byte[] bytes, ModuleFileKind kind, bool fromCache) => new(new MemoryStream(bytes, writable: false), bytes.Length, kind, fromCache);

    public async ValueTask DisposeAsync()
    {
        Blob?.Release();
        if (Content is not null)
        {
            await Content.DisposeAsync();
        }

        _owner?.Dispose();
    }
}
