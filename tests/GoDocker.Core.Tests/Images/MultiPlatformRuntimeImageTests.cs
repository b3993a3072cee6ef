using System.Text;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.Images;
using GoDocker.Core.Projects;
using GoDocker.Core.Tests.Verification;

namespace GoDocker.Core.Tests.Images;

/// <summary>
/// A multi-platform image in the real distribution registry, pushed as publish pushes one (each platform's manifest by
/// digest, then the index under the tag), and read back as a runtime image for one platform of it.
/// </summary>
public sealed class MultiPlatformRuntimeImageTests
{
    private sealed class Log : IOperationLog
    {
        public void Progress(string text) { }
        public void Detail(string text) { }
        public void Report(Diagnostic diagnostic) { }
    }

    private static ImageManifest Image(ImagePlatform platform)
    {
        var layer = LayerWriter.Write([("/etc/platform", Encoding.UTF8.GetBytes(platform.ToString()))], DateTimeOffset.UnixEpoch);
        var config = ImageConfigWriter.Write(null, [], layer, new ImageConfigChanges
        {
            Entrypoint = ["/app"], User = "0", Os = platform.Os, Architecture = platform.Architecture, Variant = platform.Variant,
        });
        return new ImageManifest(config, [layer]);
    }

    [Fact]
    public async Task The_runtime_image_for_a_platform_is_its_entry_of_the_pushed_index_variant_included()
    {
        await DockerRequirement.RequireImageAsync("godocker-test/runtime:1");
        using var registry = TestRegistry.StartPlain();
        using var client = new RegistryClient(registry.Address, new RegistryTrust(registry.Address, []), null, "none");
        var platforms = new[] { "linux/amd64", "linux/arm/v6", "linux/arm/v7" }.Select(ImagePlatform.Parse).ToList();
        var index = new ImageIndex([.. platforms.Select(p => (p, Image(p)))]);
        var cancellationToken = TestContext.Current.CancellationToken;
        foreach (var (_, image) in index.Images)
        {
            foreach (var layer in image.Layers)
            {
                await client.PushBlobAsync("team/runtime", layer.Digest, layer.Compressed, cancellationToken);
            }
            await client.PushBlobAsync("team/runtime", image.ConfigDigest, image.Config, cancellationToken);
            await client.PushManifestAsync("team/runtime", image.Digest, image.Bytes, ImageMediaTypes.Manifest, cancellationToken);
        }

        var pushed = await client.PushManifestAsync("team/runtime", "1", index.Bytes, ImageMediaTypes.OciIndex, cancellationToken);

        Assert.Equal(index.Digest, pushed);
        Assert.True(ImageReference.TryParse($"{registry.Address}/team/runtime:1", out var reference, out _));
        var reader = new BaseImageReader("/usr/bin/docker", _ => client);
        var v7 = await reader.ReadAsync(reference, "linux/arm/v7", null, new Log(), cancellationToken);
        Assert.Equal("arm", v7.Architecture);
        Assert.Equal("v7", (string?)v7.Config!["variant"]);
        Assert.Equal(index.Images[2].Image.Layers[0].Digest, Assert.Single(v7.Layers).Digest);
        var amd64 = await reader.ReadAsync(reference, "linux/amd64", null, new Log(), cancellationToken);
        Assert.Equal(index.Images[0].Image.Layers[0].Digest, Assert.Single(amd64.Layers).Digest);

        var missing = await Assert.ThrowsAsync<DiagnosticException>(() => reader.ReadAsync(reference, "linux/arm64", null, new Log(), cancellationToken));
        Assert.Same(DiagnosticCatalog.RuntimeImageUnavailable, missing.Diagnostic.Descriptor);
        Assert.Contains("no linux/arm64 image", missing.Diagnostic.Message);
    }
}
