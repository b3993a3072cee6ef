using System.Text;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.Images;
using GoDocker.Core.Projects;
using GoDocker.Core.Tests.Verification;

namespace GoDocker.Core.Tests.Images;

/// <summary>Refusals by the real registry and the real engine become their own diagnostics.</summary>
public sealed class PublishFailureTests
{
    private sealed class Log : IOperationLog
    {
        public void Progress(string text) { }
        public void Detail(string text) { }
        public void Report(Diagnostic diagnostic) { }
    }

    private static ImageManifest SmallImage()
    {
        var layer = LayerWriter.Write([("/app", Encoding.UTF8.GetBytes("x"))], DateTimeOffset.UnixEpoch);
        return new ImageManifest(ImageConfigWriter.Write(null, [], layer, new ImageConfigChanges { Entrypoint = ["/app"], User = "0" }), [layer]);
    }

    [Fact]
    public async Task A_manifest_whose_blobs_were_never_pushed_is_GD5051_with_the_registry_error_code()
    {
        using var registry = TestRegistry.StartPlain();
        var location = new SourceLocation("/p/app.goproj", 7);
        using var client = new RegistryClient(registry.Address, new RegistryTrust(registry.Address, []), null, "none", location);
        var image = SmallImage();

        var error = await Assert.ThrowsAsync<DiagnosticException>(() =>
            client.PushManifestAsync("team/app", "1.0", image.Bytes, ImageMediaTypes.Manifest, TestContext.Current.CancellationToken));

        Assert.Same(DiagnosticCatalog.RegistryRequestFailed, error.Diagnostic.Descriptor);
        Assert.Contains(registry.Address, error.Diagnostic.Message);
        Assert.Contains("MANIFEST_BLOB_UNKNOWN", error.Diagnostic.Message);
        Assert.Equal(location, error.Diagnostic.Location);
    }

    [Fact]
    public async Task A_runtime_image_neither_local_nor_reachable_is_GD5053_at_GoRuntimeImage()
    {
        await DockerRequirement.RequireImageAsync("godocker-test/runtime:1");
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var closed = $"127.0.0.1:{((System.Net.IPEndPoint)listener.LocalEndpoint).Port}";
        listener.Stop();
        Assert.True(ImageReference.TryParse($"{closed}/team/runtime:1", out var image, out _));
        var location = new SourceLocation("/p/app.goproj", 9);
        var reader = new BaseImageReader("/usr/bin/docker", r => new RegistryClient(r, new RegistryTrust(r, []), null, "none", location));

        var error = await Assert.ThrowsAsync<DiagnosticException>(() => reader.ReadAsync(image, "linux/amd64", location, new Log(), TestContext.Current.CancellationToken));

        Assert.Same(DiagnosticCatalog.RuntimeImageUnavailable, error.Diagnostic.Descriptor);
        Assert.Contains(image.ToString(), error.Diagnostic.Message);
        Assert.Contains("Cannot reach the image registry " + closed, error.Diagnostic.Message);
        Assert.Equal(9, error.Diagnostic.Location?.Line);
    }

    [Fact]
    public async Task A_local_runtime_image_gives_its_layers_and_config()
    {
        await DockerRequirement.RequireImageAsync("godocker-test/runtime:1");
        Assert.True(ImageReference.TryParse("godocker-test/runtime:1", out var image, out _));
        var reader = new BaseImageReader("/usr/bin/docker", _ => throw new InvalidOperationException("a local image needs no registry"));

        var runtime = await reader.ReadAsync(image, "linux/amd64", null, new Log(), TestContext.Current.CancellationToken);

        Assert.NotEmpty(runtime.Layers);
        var diffIds = runtime.Config!["rootfs"]!["diff_ids"]!.AsArray().Select(d => (string?)d);
        Assert.Equal(diffIds, runtime.DiffIds);
        Assert.Equal("linux", runtime.Os);
    }

    [Fact]
    public async Task A_local_runtime_image_of_another_platform_is_GD5053_naming_both_platforms()
    {
        await DockerRequirement.RequireImageAsync("godocker-test/runtime:1-arm64");
        Assert.True(ImageReference.TryParse("godocker-test/runtime:1-arm64", out var image, out _));
        var reader = new BaseImageReader("/usr/bin/docker", _ => throw new InvalidOperationException("a local image needs no registry"));

        var error = await Assert.ThrowsAsync<DiagnosticException>(() => reader.ReadAsync(image, "linux/amd64", null, new Log(), TestContext.Current.CancellationToken));

        Assert.Same(DiagnosticCatalog.RuntimeImageUnavailable, error.Diagnostic.Descriptor);
        Assert.Contains("linux/arm64, not linux/amd64", error.Diagnostic.Message);
    }

    [Fact]
    public async Task An_archive_the_engine_refuses_is_GD5052()
    {
        await DockerRequirement.RequireImageAsync("godocker-test/runtime:1");
        var good = SmallImage();
        // A config that names a layer other than the one in the archive: docker load checks diff_ids.
        var other = LayerWriter.Write([("/app", Encoding.UTF8.GetBytes("other"))], DateTimeOffset.UnixEpoch);
        var broken = new ImageManifest(ImageConfigWriter.Write(null, [], other, new ImageConfigChanges { Entrypoint = ["/app"], User = "0" }), good.Layers);
        var location = new SourceLocation("/p/app.goproj");

        var error = await Assert.ThrowsAsync<DiagnosticException>(() =>
            EngineImageLoader.LoadAsync("/usr/bin/docker", broken, ["godocker-test/broken:1"], DateTimeOffset.UnixEpoch, location, TestContext.Current.CancellationToken));

        Assert.Same(DiagnosticCatalog.ImageLoadFailed, error.Diagnostic.Descriptor);
        Assert.Contains("godocker-test/broken:1", error.Diagnostic.Message);
        Assert.Contains("GoImageArchiveOutputPath", error.Diagnostic.Message);
    }
}
