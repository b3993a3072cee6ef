using System.Diagnostics;
using GoDocker.Core.Images;
using GoDocker.Core.Tests.Verification;

namespace GoDocker.Core.Tests.Images;

/// <summary>The archive publish hands to `docker load` is one the real engine loads and runs, under the digest the tool computed.</summary>
public sealed class ImageArchiveLoadTests
{
    [Fact]
    public async Task Docker_loads_the_archive_and_runs_the_binary_with_the_config_the_tool_wrote()
    {
        await DockerRequirement.RequireImageAsync("godocker-test/runtime:1");
        Assert.True(File.Exists("/bin/busybox"), "busybox-static is needed (build/docker-setup.sh installs it)");
        var layer = LayerWriter.Write([("/app", await File.ReadAllBytesAsync("/bin/busybox", TestContext.Current.CancellationToken))], DateTimeOffset.UnixEpoch);
        var image = new ImageManifest(ImageConfigWriter.Write(null, [], layer, new ImageConfigChanges
        {
            Entrypoint = ["/app"],
            User = "65532:65532",
            Labels = new Dictionary<string, string> { ["org.example.test"] = "archive" },
        }), [layer]);
        var tag = "godocker-test/archive-load:" + Guid.NewGuid().ToString("N")[..12];
        var file = Path.Combine(Path.GetTempPath(), "godocker-archive-" + Guid.NewGuid().ToString("N") + ".tar");
        try
        {
            await using (var stream = File.Create(file))
            {
                ImageArchiveWriter.Write(stream, image, [tag], DateTimeOffset.UnixEpoch);
            }

            Assert.Contains(tag, await DockerAsync("load", "--input", file));
            Assert.Equal(image.ConfigDigest, (await DockerAsync("image", "inspect", "--format", "{{.Id}}", tag)).Trim());
            Assert.Equal("archive 65532:65532", (await DockerAsync("image", "inspect", "--format", "{{index .Config.Labels \"org.example.test\"}} {{.Config.User}}", tag)).Trim());
            // busybox run as /app answers for its own name: the entrypoint is the layer's binary, and it executes.
            Assert.Contains("app: applet not found", await DockerAsync("run", "--rm", "--network", "none", tag));
        }
        finally
        {
            File.Delete(file);
            await DockerAsync("rmi", "--force", tag);
        }
    }

    private static async Task<string> DockerAsync(params string[] args)
    {
        var start = new ProcessStartInfo("/usr/bin/docker", args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return output + error;
    }
}
