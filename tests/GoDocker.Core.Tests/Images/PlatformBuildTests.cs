using GoDocker.Core.Diagnostics;
using GoDocker.Core.Images;
using GoDocker.Core.Operations;
using GoDocker.Core.Projects;
using GoDocker.Core.Tests.Projects;
using GoDocker.Core.Tests.Verification;

namespace GoDocker.Core.Tests.Images;

/// <summary>A platform the builder cannot build is GD5055 naming it, at GoPlatforms, with real Docker.</summary>
public sealed class PlatformBuildTests
{
    private sealed class Log : IOperationLog
    {
        public void Progress(string text) { }
        public void Detail(string text) { }
        public void Report(Diagnostic diagnostic) { }
    }

    [Fact]
    public async Task A_platform_whose_build_steps_need_emulation_is_GD5055_naming_it_at_GoPlatforms()
    {
        await DockerRequirement.RequireImageAsync("godocker-test/runtime:1");
        // An arm64 image whose /bin/sh is an arm64 ELF: on this amd64 engine without QEMU, every RUN is 'exec format error'.
        var image = "godocker-test/arm64-shell:" + Guid.NewGuid().ToString("N")[..8];
        byte[] arm64Elf = [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, .. new byte[9], 2, 0, 0xB7, 0, 1, 0, 0, 0, .. new byte[44]];
        var layer = LayerWriter.Write([("bin/sh", arm64Elf)], DateTimeOffset.UnixEpoch);
        var shellImage = new ImageManifest(ImageConfigWriter.Write(null, [], layer,
            new ImageConfigChanges { Entrypoint = ["/bin/sh"], User = "0", Os = "linux", Architecture = "arm64" }), [layer]);
        await EngineImageLoader.LoadAsync("/usr/bin/docker", shellImage, [image], DateTimeOffset.UnixEpoch, null, TestContext.Current.CancellationToken);
        try
        {
            // With cgo the stages are not on $BUILDPLATFORM, so they run the arm64 image's programs.
            using var project = new GoProjectFixture()
                .Set("GoBaseImage", image)
                .Set("GoCgoEnabled", "true")
                .Set("GoRuntimeImage", "scratch")
                .Set("GoPlatforms", "linux/arm64,linux/amd64")
                .Set("GoImageArchiveOutputPath", "image.tar")
                .Set("GoDockerNetwork", "host");
            var (settings, diagnostics) = project.Read();
            Assert.DoesNotContain(diagnostics, d => d.IsError);

            var result = await PublishOperation.RunAsync(new GoProject(settings, diagnostics), new PublishRequest(), new Log(), TestContext.Current.CancellationToken);

            var error = Assert.Single(result.Diagnostics, d => d.IsError);
            Assert.Same(DiagnosticCatalog.PlatformNotBuildable, error.Descriptor);
            Assert.Equal(project.LineOf("GoPlatforms"), error.Location?.Line);
            Assert.Equal(settings.ProjectPath, error.Location?.File);
            Assert.Contains("for linux/arm64", error.Message);
            Assert.Contains("exec format error", error.Message);
            Assert.Contains("GoCgoEnabled", error.Message);
            Assert.False(File.Exists(Path.Combine(settings.ProjectDirectory, "image.tar")), "no partial multi-platform archive");
        }
        finally
        {
            await CliWrap.Cli.Wrap("/usr/bin/docker").WithArguments(["rmi", "--force", image])
                .WithValidation(CliWrap.CommandResultValidation.None).ExecuteAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_binary_of_another_architecture_than_its_platform_is_GD5055_and_no_image_is_written()
    {
        await DockerRequirement.RequireImageAsync("godocker-test/runtime:1-arm64");
        // A "Go image" labelled linux/arm64 whose programs are amd64 (busybox) and whose go writes an amd64 ELF: what a
        // Go image of the wrong platform does when the build stage does not cross-compile.
        var image = "godocker-test/wrong-platform-go:" + Guid.NewGuid().ToString("N")[..8];
        var context = Directory.CreateTempSubdirectory("godocker-wrong-go-");
        File.WriteAllText(Path.Combine(context.FullName, "go"),
            "#!/bin/sh\nwhile [ $# -gt 0 ]; do if [ \"$1\" = -o ]; then cp /bin/busybox \"$2\"; fi; shift; done\nexit 0\n");
        File.WriteAllText(Path.Combine(context.FullName, "Dockerfile"),
            "FROM godocker-test/runtime:1-arm64\nCOPY go /usr/local/bin/go\nRUN chmod 0755 /usr/local/bin/go\n");
        var build = await CliWrap.Buffered.BufferedCommandExtensions.ExecuteBufferedAsync(CliWrap.Cli.Wrap("/usr/bin/docker")
            .WithArguments(["build", "--platform", "linux/arm64", "--network", "host", "--tag", image, context.FullName])
            .WithEnvironmentVariables(e => e.Set("DOCKER_BUILDKIT", "1"))
            .WithValidation(CliWrap.CommandResultValidation.None), TestContext.Current.CancellationToken);
        Assert.True(build.ExitCode == 0, build.StandardError);
        try
        {
            using var project = new GoProjectFixture()
                .Set("GoBaseImage", image)
                .Set("GoCgoEnabled", "true")
                .Set("GoRuntimeImage", "scratch")
                .Set("GoPlatforms", "linux/arm64")
                .Set("GoImageArchiveOutputPath", "image.tar")
                .Set("GoDockerNetwork", "host");
            var (settings, diagnostics) = project.Read();
            Assert.DoesNotContain(diagnostics, d => d.IsError);

            var result = await PublishOperation.RunAsync(new GoProject(settings, diagnostics), new PublishRequest(), new Log(), TestContext.Current.CancellationToken);

            var error = Assert.Single(result.Diagnostics, d => d.IsError);
            Assert.Same(DiagnosticCatalog.PlatformNotBuildable, error.Descriptor);
            Assert.Equal(project.LineOf("GoPlatforms"), error.Location?.Line);
            Assert.Contains("for linux/arm64", error.Message);
            Assert.Contains("is amd64, not arm64", error.Message);
            Assert.False(File.Exists(Path.Combine(settings.ProjectDirectory, "image.tar")));
        }
        finally
        {
            context.Delete(recursive: true);
            await CliWrap.Cli.Wrap("/usr/bin/docker").WithArguments(["rmi", "--force", image])
                .WithValidation(CliWrap.CommandResultValidation.None).ExecuteAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_platform_go_does_not_support_is_GD5056_naming_it_after_the_other_platform_built()
    {
        await DockerRequirement.RequireImageAsync("godocker-test/golang:1.19");
        using var project = new GoProjectFixture()
            .WriteFile("go.mod", "module example.com/app\n\ngo 1.19\n")
            .WriteFile("main.go", "package main\n\nfunc main() {}\n")
            .Set("GoBaseImage", "godocker-test/golang:1.19")
            .Set("GoProxy", "off")
            .Set("GoSumDb", "off")
            .Set("GoRuntimeImage", "scratch")
            .Set("GoPlatforms", "linux/amd64,darwin/386")
            .Set("GoImageArchiveOutputPath", "image.tar")
            .Set("GoDockerNetwork", "host");
        var (settings, diagnostics) = project.Read();
        Assert.DoesNotContain(diagnostics, d => d.IsError);

        var result = await PublishOperation.RunAsync(new GoProject(settings, diagnostics), new PublishRequest(), new Log(), TestContext.Current.CancellationToken);

        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Same(DiagnosticCatalog.PlatformNotSupportedByGo, error.Descriptor);
        Assert.Equal(project.LineOf("GoPlatforms"), error.Location?.Line);
        Assert.Contains("GoPlatforms has darwin/386", error.Message);
        Assert.Contains("go: unsupported GOOS/GOARCH pair darwin/386", error.Message);
        var amd64Binary = Path.Combine(Path.GetDirectoryName(settings.DockerfilePath)!, "publish", "linux_amd64", "binary", "app");
        Assert.True(File.Exists(amd64Binary), "linux/amd64 builds first, into a folder of its own");
        Assert.Equal("amd64", ExecutableArchitecture.Of(File.ReadAllBytes(amd64Binary)));
        Assert.False(File.Exists(Path.Combine(settings.ProjectDirectory, "image.tar")));
    }
}
