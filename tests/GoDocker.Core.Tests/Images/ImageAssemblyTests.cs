using System.Formats.Tar;
using System.Text.Json.Nodes;
using GoDocker.Core.Images;

namespace GoDocker.Core.Tests.Images;

/// <summary>The layer, config and manifest publish writes: the same inputs give the same bytes and digests.</summary>
public sealed class ImageAssemblyTests
{
    private static readonly byte[] Binary = [.. System.Text.Encoding.ASCII.GetBytes("\u007fELF pretend binary"), .. Enumerable.Range(0, 5000).Select(i => (byte)(i * 7))];

    [Fact]
    public void The_same_binary_and_epoch_give_the_same_layer_digest_and_another_epoch_does_not()
    {
        var epoch = LayerWriter.SourceDateEpoch("1700000000", out var isSet)!.Value;
        Assert.True(isSet);

        var first = LayerWriter.Write([("/app", Binary)], epoch);
        var second = LayerWriter.Write([("/app", (byte[])Binary.Clone())], epoch);
        var later = LayerWriter.Write([("/app", Binary)], epoch.AddSeconds(1));

        Assert.Equal(first.Digest, second.Digest);
        Assert.Equal(first.DiffId, second.DiffId);
        Assert.NotEqual(first.Digest, later.Digest);
        Assert.Matches("^sha256:[0-9a-f]{64}$", first.Digest);
    }

    [Fact]
    public void The_layer_holds_the_binary_executable_with_the_fixed_time_and_owner()
    {
        var epoch = DateTimeOffset.FromUnixTimeSeconds(1700000000);
        var layer = LayerWriter.Write([("/app", Binary)], epoch);

        using var reader = new TarReader(new MemoryStream(LayerWriter.Decompress(layer.Compressed)));
        var entry = reader.GetNextEntry()!;
        Assert.Equal("app", entry.Name);
        Assert.Equal(TarEntryType.RegularFile, entry.EntryType);
        Assert.Equal((UnixFileMode)0b111_101_101, entry.Mode);
        Assert.Equal(epoch, entry.ModificationTime);
        Assert.Equal(0, entry.Uid);
        Assert.Equal(0, entry.Gid);
        using var content = new MemoryStream();
        entry.DataStream!.CopyTo(content);
        Assert.Equal(Binary, content.ToArray());
        Assert.Null(reader.GetNextEntry());
        Assert.Equal(ImageDigest.Of(LayerWriter.Decompress(layer.Compressed)), layer.DiffId);
    }

    [Theory]
    [InlineData(null, 0L)]
    [InlineData("", 0L)]
    [InlineData("86400", 86400L)]
    public void Source_date_epoch_defaults_to_the_unix_epoch(string? value, long seconds) =>
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(seconds), LayerWriter.SourceDateEpoch(value, out _));

    [Theory]
    [InlineData("yesterday")]
    [InlineData("-5")]
    [InlineData("1.5")]
    public void A_source_date_epoch_that_is_not_a_count_of_seconds_is_refused(string value) =>
        Assert.Null(LayerWriter.SourceDateEpoch(value, out _));

    [Fact]
    public void The_config_keeps_the_runtime_image_settings_and_sets_entrypoint_user_labels_and_layers()
    {
        var baseConfig = JsonNode.Parse("""
            {"architecture":"arm64","os":"linux","config":{"Env":["PATH=/bin","TZ=UTC"],"WorkingDir":"/srv","Labels":{"base.label":"kept","org.opencontainers.image.version":"base"}},
             "rootfs":{"type":"layers","diff_ids":["sha256:aaaa"]},"history":[{"created_by":"base"}]}
            """)!.AsObject();
        var layer = LayerWriter.Write([("/app", Binary)], DateTimeOffset.UnixEpoch);

        var bytes = ImageConfigWriter.Write(baseConfig, ["sha256:aaaa"], layer, new ImageConfigChanges
        {
            Entrypoint = ["/app"],
            User = "65532:65532",
            Labels = new Dictionary<string, string> { ["org.opencontainers.image.version"] = "1.2.3" },
            Created = DateTimeOffset.FromUnixTimeSeconds(1700000000),
            Os = "linux",
            Architecture = "arm64",
        });
        var config = JsonNode.Parse(bytes)!;

        Assert.Equal("arm64", (string?)config["architecture"]);
        Assert.Equal("2023-11-14T22:13:20Z", (string?)config["created"]);
        Assert.Equal(["PATH=/bin", "TZ=UTC"], config["config"]!["Env"]!.AsArray().Select(e => (string?)e));
        Assert.Equal("/app", (string?)config["config"]!["Entrypoint"]![0]);
        Assert.Equal("65532:65532", (string?)config["config"]!["User"]);
        Assert.Equal("/srv", (string?)config["config"]!["WorkingDir"]);
        Assert.Equal("kept", (string?)config["config"]!["Labels"]!["base.label"]);
        Assert.Equal("1.2.3", (string?)config["config"]!["Labels"]!["org.opencontainers.image.version"]);
        Assert.Equal(["sha256:aaaa", layer.DiffId], config["rootfs"]!["diff_ids"]!.AsArray().Select(e => (string?)e));
        Assert.Equal(2, config["history"]!.AsArray().Count);
    }

    [Fact]
    public void The_manifest_names_config_and_layers_by_digest_and_size_and_its_digest_is_stable()
    {
        var layer = LayerWriter.Write([("/app", Binary)], DateTimeOffset.UnixEpoch);
        var config = ImageConfigWriter.Write(null, [], layer, new ImageConfigChanges { Entrypoint = ["/app"], User = "65532:65532" });

        var image = new ImageManifest(config, [layer]);
        var again = new ImageManifest(ImageConfigWriter.Write(null, [], layer, new ImageConfigChanges { Entrypoint = ["/app"], User = "65532:65532" }), [layer]);
        var manifest = JsonNode.Parse(image.Bytes)!;

        Assert.Equal(again.Digest, image.Digest);
        Assert.Equal(ImageDigest.Of(image.Bytes), image.Digest);
        Assert.Equal(2, (int)manifest["schemaVersion"]!);
        Assert.Equal(ImageMediaTypes.Manifest, (string?)manifest["mediaType"]);
        Assert.Equal(ImageDigest.Of(config), (string?)manifest["config"]!["digest"]);
        Assert.Equal(config.Length, (long)manifest["config"]!["size"]!);
        Assert.Equal(layer.Digest, (string?)manifest["layers"]![0]!["digest"]);
        Assert.Equal(ImageMediaTypes.Layer, (string?)manifest["layers"]![0]!["mediaType"]);
        Assert.Equal("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", (string?)JsonNode.Parse(config)!["config"]!["Env"]![0]);
    }

    [Fact]
    public void The_archive_is_a_docker_load_manifest_and_an_oci_layout_over_the_same_blobs()
    {
        var layer = LayerWriter.Write([("/app", Binary)], DateTimeOffset.UnixEpoch);
        var image = new ImageManifest(ImageConfigWriter.Write(null, [], layer, new ImageConfigChanges { Entrypoint = ["/app"], User = "0" }), [layer]);
        using var first = new MemoryStream();
        using var second = new MemoryStream();

        ImageArchiveWriter.Write(first, image, ["hello:1.0", "hello:latest"], DateTimeOffset.UnixEpoch);
        ImageArchiveWriter.Write(second, image, ["hello:1.0", "hello:latest"], DateTimeOffset.UnixEpoch);

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
        var docker = JsonNode.Parse(entries["manifest.json"])!.AsArray()[0]!;
        Assert.Equal(["hello:1.0", "hello:latest"], docker["RepoTags"]!.AsArray().Select(t => (string?)t));
        Assert.Equal(image.Config, entries[(string)docker["Config"]!]);
        Assert.Equal(layer.Compressed, entries[(string)docker["Layers"]![0]!]);
        var index = JsonNode.Parse(entries["index.json"])!;
        Assert.Equal(image.Digest, (string?)index["manifests"]![0]!["digest"]);
        Assert.Equal(image.Bytes, entries["blobs/sha256/" + ImageDigest.Hex(image.Digest)]);
        Assert.Contains("oci-layout", entries.Keys);
    }
}
