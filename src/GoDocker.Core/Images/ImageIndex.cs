using System.Text;
using System.Text.Json.Nodes;

namespace GoDocker.Core.Images;

/// <summary>
/// A multi-platform image: an OCI image index with one descriptor per platform image, in GoPlatforms' order, each with
/// its platform (os, architecture, variant). Keys are written in a fixed order, so the same platform images give the
/// same index digest, which is the digest a registry and <c>docker pull</c> show for the multi-platform image.
/// </summary>
public sealed class ImageIndex
{
    public ImageIndex(IReadOnlyList<(ImagePlatform Platform, ImageManifest Image)> images)
    {
        Images = images;
        var manifests = new JsonArray();
        foreach (var (platform, image) in images)
        {
            var platformObject = new JsonObject { ["architecture"] = platform.Architecture, ["os"] = platform.Os };
            if (platform.Variant is not null)
            {
                platformObject["variant"] = platform.Variant;
            }
            manifests.Add(new JsonObject
            {
                ["mediaType"] = ImageMediaTypes.Manifest,
                ["size"] = image.Bytes.LongLength,
                ["digest"] = image.Digest,
                ["platform"] = platformObject,
            });
        }
        var index = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = ImageMediaTypes.OciIndex,
            ["manifests"] = manifests,
        };
        Bytes = Encoding.UTF8.GetBytes(index.ToJsonString());
        Digest = ImageDigest.Of(Bytes);
    }

    public IReadOnlyList<(ImagePlatform Platform, ImageManifest Image)> Images { get; }

    /// <summary>The index JSON exactly as pushed; its digest is <see cref="Digest"/>.</summary>
    public byte[] Bytes { get; }
    public string Digest { get; }
}
