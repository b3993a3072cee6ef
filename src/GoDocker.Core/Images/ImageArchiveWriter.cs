using System.Formats.Tar;
using System.Text;
using System.Text.Json.Nodes;

namespace GoDocker.Core.Images;

/// <summary>
/// Writes an image as one tar that is both a <c>docker load</c> archive (manifest.json naming the config and the
/// layers with their repository:tag names) and an OCI image layout (oci-layout, index.json, blobs/sha256/), as
/// Docker 25 itself saves: each blob is stored once, under its digest (docker load inflates gzip layers). Entries have
/// a fixed time and order, so the same image gives the same archive.
/// </summary>
public static class ImageArchiveWriter
{
    public static void Write(Stream output, ImageManifest image, IReadOnlyList<string> repositoryTags, DateTimeOffset modified)
    {
        var blobs = new SortedDictionary<string, byte[]>(StringComparer.Ordinal)
        {
            [Blob(image.ConfigDigest)] = image.Config,
            [Blob(image.Digest)] = image.Bytes,
        };
        foreach (var layer in image.Layers)
        {
            blobs[Blob(layer.Digest)] = layer.Compressed;
        }

        var dockerManifest = new JsonArray(new JsonObject
        {
            ["Config"] = Blob(image.ConfigDigest),
            ["RepoTags"] = new JsonArray([.. repositoryTags.Select(t => (JsonNode)JsonValue.Create(t)!)]),
            ["Layers"] = new JsonArray([.. image.Layers.Select(l => (JsonNode)JsonValue.Create(Blob(l.Digest))!)]),
        });
        var manifests = new JsonArray();
        foreach (var tag in repositoryTags.DefaultIfEmpty(null))
        {
            manifests.Add(Descriptor(ImageMediaTypes.Manifest, image.Digest, image.Bytes.LongLength, tag));
        }
        var index = new JsonObject { ["schemaVersion"] = 2, ["mediaType"] = ImageMediaTypes.OciIndex, ["manifests"] = manifests };
        WriteLayout(output, blobs, index, dockerManifest, modified);
    }

    /// <summary>
    /// A multi-platform image as an OCI image layout only: every platform's blobs, the image index as a blob, and
    /// index.json naming that index once per tag. No manifest.json: <c>docker load</c> of Docker 20.10 keeps one
    /// platform per tag, so this archive is for registries and OCI tools (<c>skopeo copy oci-archive:</c>, <c>crane push</c>).
    /// </summary>
    public static void Write(Stream output, ImageIndex image, IReadOnlyList<string> repositoryTags, DateTimeOffset modified)
    {
        var blobs = new SortedDictionary<string, byte[]>(StringComparer.Ordinal) { [Blob(image.Digest)] = image.Bytes };
        foreach (var (_, platformImage) in image.Images)
        {
            blobs[Blob(platformImage.ConfigDigest)] = platformImage.Config;
            blobs[Blob(platformImage.Digest)] = platformImage.Bytes;
            foreach (var layer in platformImage.Layers)
            {
                blobs[Blob(layer.Digest)] = layer.Compressed;
            }
        }
        var manifests = new JsonArray();
        foreach (var tag in repositoryTags.DefaultIfEmpty(null))
        {
            manifests.Add(Descriptor(ImageMediaTypes.OciIndex, image.Digest, image.Bytes.LongLength, tag));
        }
        var index = new JsonObject { ["schemaVersion"] = 2, ["mediaType"] = ImageMediaTypes.OciIndex, ["manifests"] = manifests };
        WriteLayout(output, blobs, index, null, modified);
    }

    private static JsonObject Descriptor(string mediaType, string digest, long size, string? tag)
    {
        var descriptor = new JsonObject { ["mediaType"] = mediaType, ["digest"] = digest, ["size"] = size };
        if (tag is not null)
        {
            descriptor["annotations"] = new JsonObject
            {
                ["io.containerd.image.name"] = tag,
                ["org.opencontainers.image.ref.name"] = tag[(tag.LastIndexOf(':') + 1)..],
            };
        }
        return descriptor;
    }

    private static void WriteLayout(Stream output, SortedDictionary<string, byte[]> blobs, JsonObject index, JsonArray? dockerManifest, DateTimeOffset modified)
    {
        using var writer = new TarWriter(output, TarEntryFormat.Ustar, leaveOpen: true);
        WriteDirectory(writer, "blobs/", modified);
        WriteDirectory(writer, "blobs/sha256/", modified);
        foreach (var (name, content) in blobs)
        {
            WriteFile(writer, name, content, modified);
        }
        WriteFile(writer, "index.json", Encoding.UTF8.GetBytes(index.ToJsonString()), modified);
        if (dockerManifest is not null)
        {
            WriteFile(writer, "manifest.json", Encoding.UTF8.GetBytes(dockerManifest.ToJsonString()), modified);
        }
        WriteFile(writer, "oci-layout", Encoding.UTF8.GetBytes("{\"imageLayoutVersion\":\"1.0.0\"}"), modified);
    }

    private static string Blob(string digest) => "blobs/sha256/" + ImageDigest.Hex(digest);

    private static void WriteDirectory(TarWriter writer, string name, DateTimeOffset modified) =>
        writer.WriteEntry(new UstarTarEntry(TarEntryType.Directory, name)
        {
            ModificationTime = modified,
            Mode = (UnixFileMode)0b111_101_101,
            UserName = "",
            GroupName = "",
        });

    private static void WriteFile(TarWriter writer, string name, byte[] content, DateTimeOffset modified) =>
        writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name)
        {
            ModificationTime = modified,
            Mode = (UnixFileMode)0b110_100_100,
            UserName = "",
            GroupName = "",
            DataStream = new MemoryStream(content, writable: false),
        });
}
