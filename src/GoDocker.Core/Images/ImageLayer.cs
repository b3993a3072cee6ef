namespace GoDocker.Core.Images;

/// <summary>
/// One filesystem layer: the gzip blob a registry stores (<see cref="Digest"/>) and the tar it expands to, whose
/// digest (<see cref="DiffId"/>) the image config lists.
/// </summary>
public sealed record ImageLayer(byte[] Compressed, byte[] Uncompressed)
{
    public string Digest { get; } = ImageDigest.Of(Compressed);
    public string DiffId { get; } = ImageDigest.Of(Uncompressed);
    public long Size => Compressed.LongLength;
}
