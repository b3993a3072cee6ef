using System.Text;
using System.Text.Json.Nodes;

namespace GoDocker.Core.Images;

/// <summary>
/// An image as publish assembles it: its config and layers (the runtime image's, then the binary's) and the schema 2
/// manifest that names them by digest. The manifest's digest is the image's digest in a registry.
/// </summary>
public sealed class ImageManifest
{
    public ImageManifest(byte[] config, IReadOnlyList<ImageLayer> layers)
    {
        Config = config;
        Layers = layers;
        ConfigDigest = ImageDigest.Of(config);
        var manifest = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = ImageMediaTypes.Manifest,
            ["config"] = Descriptor(ImageMediaTypes.Config, config.LongLength, ConfigDigest),
            ["layers"] = new JsonArray([.. layers.Select(l => (JsonNode)Descriptor(ImageMediaTypes.Layer, l.Size, l.Digest))]),
        };
        Bytes = Encoding.UTF8.GetBytes(manifest.ToJsonString());
        Digest = ImageDigest.Of(Bytes);
    }

    public byte[] Config { get; }
    public string ConfigDigest { get; }
    public IReadOnlyList<ImageLayer> Layers { get; }

    /// <summary>The manifest JSON exactly as pushed; its digest is <see cref="Digest"/>.</summary>
    public byte[] Bytes { get; }
    public string Digest { get; }

    private static JsonObject Descriptor(string mediaType, long size, string digest) => new()
    {
        ["mediaType"] = mediaType,
        ["size"] = size,
        ["digest"] = digest,
    };
}
