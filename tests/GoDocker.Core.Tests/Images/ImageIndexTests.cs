using System.Formats.Tar;
using System.Text.Json.Nodes;
using GoDocker.Core.Images;

namespace GoDocker.Core.Tests.Images;

/// <summary>The multi-platform index publish writes: one descriptor per platform, reproducible, and its OCI layout archive.</summary>
public sealed class ImageIndexTests
{
    private static ImageManifest Image(byte machine, ImagePlatform platform, DateTimeOffset epoch)
    {
        byte[] binary = [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, .. new byte[11], machine, 0, .. Enumerable.Range(0, 3000).Select(i => (byte)(i * 13))];
        var layer = LayerWriter.Write([("/app", binary)], epoch);
        var config = ImageConfigWriter.Write(null, [], layer, new ImageConfigChanges
        {
            Entrypoint = ["/app"], User = "65532:65532", Created = epoch, Os = platform.Os, Architecture = platform.Architecture, Variant = platform.Variant,
        });
        return new ImageManifest(config, [layer]);
    }

    private static ImageIndex Index(DateTimeOffset epoch)
    {
        var amd64 = ImagePlatform.Parse("linux/amd64");
        var arm64 = ImagePlatform.Parse("linux/arm64");
        var arm = ImagePlatform.Parse("linux/arm/v7");
        return new ImageIndex([(amd64, Image(0x3E, amd64, epoch)), (arm64, Image(0xB7, arm64, epoch)), (arm, Image(0x28, arm, epoch))]);
    }

    [Fact]
    public void The_index_lists_each_platform_image_by_digest_with_its_platform_in_GoPlatforms_order()
    {
        var index = Index(DateTimeOffset.UnixEpoch);

        var json = JsonNode.Parse(index.Bytes)!;
        Assert.Equal(2, (int)json["schemaVersion"]!);
        Assert.Equal("application/vnd.oci.image.index.v1+json", (string?)json["mediaType"]);
        var manifests = json["manifests"]!.AsArray();
        Assert.Equal(3, manifests.Count);
        Assert.Equal(["amd64", "arm64", "arm"], manifests.Select(m => (string?)m!["platform"]!["architecture"]));
        Assert.All(manifests, m => Assert.Equal("linux", (string?)m!["platform"]!["os"]));
        Assert.Equal("v7", (string?)manifests[2]!["platform"]!["variant"]);
        Assert.Null(manifests[0]!["platform"]!["variant"]);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(index.Images[i].Image.Digest, (string?)manifests[i]!["digest"]);
            Assert.Equal(index.Images[i].Image.Bytes.LongLength, (long)manifests[i]!["size"]!);
        }
        Assert.Equal(ImageDigest.Of(index.Bytes), index.Digest);
        var armConfig = JsonNode.Parse(index.Images[2].Image.Config)!;
        Assert.Equal("arm", (string?)armConfig["architecture"]);
        Assert.Equal("v7", (string?)armConfig["variant"]);
    }

    [Fact]
    public void The_same_platform_images_and_epoch_give_the_same_index_digest_and_another_epoch_does_not()
    {
        var first = Index(DateTimeOffset.FromUnixTimeSeconds(1700000000));
        var second = Index(DateTimeOffset.FromUnixTimeSeconds(1700000000));
        var later = Index(DateTimeOffset.FromUnixTimeSeconds(1700000001));

        Assert.Equal(first.Bytes, second.Bytes);
        Assert.Equal(first.Digest, second.Digest);
        Assert.NotEqual(first.Digest, later.Digest);
    }

    [Fact]
    public void The_archive_is_an_oci_layout_whose_index_json_names_the_platform_index_under_each_tag()
    {
        var index = Index(DateTimeOffset.UnixEpoch);
        using var first = new MemoryStream();
        using var second = new MemoryStream();

        ImageArchiveWriter.Write(first, index, ["hello:1.0", "hello:latest"], DateTimeOffset.UnixEpoch);
        ImageArchiveWriter.Write(second, index, ["hello:1.0", "hello:latest"], DateTimeOffset.UnixEpoch);

        Assert.Equal(first.ToArray(), second.ToArray());
        first.Position = 0;
        var entries = new Dictionary<string, byte[]>();
        using (var reader = new TarReader(first))
        {
            while (reader.GetNextEntry() is { } entry)
            {
                using var content = new MemoryStream();
                entry.DataStream?.CopyTo(content);
                entries[entry.Name] = content.ToArray();
            }
        }
        Assert.Contains("oci-layout", entries.Keys);
        Assert.DoesNotContain("manifest.json", entries.Keys); // not a docker load archive: the engine keeps one platform per tag
        var top = JsonNode.Parse(entries["index.json"])!["manifests"]!.AsArray();
        Assert.Equal(["1.0", "latest"], top.Select(m => (string?)m!["annotations"]!["org.opencontainers.image.ref.name"]));
        Assert.All(top, m => Assert.Equal(index.Digest, (string?)m!["digest"]));
        Assert.All(top, m => Assert.Equal("application/vnd.oci.image.index.v1+json", (string?)m!["mediaType"]));
        Assert.Equal(index.Bytes, entries[Blob(index.Digest)]);
        foreach (var (_, image) in index.Images)
        {
            Assert.Equal(image.Bytes, entries[Blob(image.Digest)]);
            Assert.Equal(image.Config, entries[Blob(image.ConfigDigest)]);
            Assert.All(image.Layers, l => Assert.Equal(l.Compressed, entries[Blob(l.Digest)]));
        }
    }

    [Theory]
    [InlineData(0x3E, "amd64")]
    [InlineData(0xB7, "arm64")]
    [InlineData(0x28, "arm")]
    public void The_architecture_of_an_elf_binary_is_read_from_its_header(int machine, string expected)
    {
        byte[] binary = [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, .. new byte[11], (byte)machine, 0, 0, 0];

        Assert.Equal(expected, ExecutableArchitecture.Of(binary));
        Assert.Null(ExecutableArchitecture.Of("MZ not an ELF file at all"u8));
    }

    [Fact]
    public void The_architecture_of_this_process_executable_is_the_machine_architecture()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the test process is an ELF executable only on Linux");
        var bytes = File.ReadAllBytes(Environment.ProcessPath!);

        Assert.Equal(System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture switch
        {
            System.Runtime.InteropServices.Architecture.X64 => "amd64",
            System.Runtime.InteropServices.Architecture.Arm64 => "arm64",
            var other => other.ToString().ToLowerInvariant(),
        }, ExecutableArchitecture.Of(bytes));
    }

    private static string Blob(string digest) => "blobs/sha256/" + ImageDigest.Hex(digest);
}
