using System.Formats.Tar;
using System.Text;
using GoDocker.Core.Dockerfiles;

namespace GoDocker.Sdk.Tests.Infrastructure;

/// <summary>The docker CLI as the tests drive it (Debian's 20.10, whose built-in BuildKit the SDK also picks here).</summary>
public static class TestDocker
{
    public const string Cli = "/usr/bin/docker";

    /// <summary>Runs the build command with plain progress, in the environment the SDK's runner gives docker.</summary>
    public static Task<CommandRun> BuildAsync(DockerBuildCommand command, string directory, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var env = DockerBuildCommand.Environment.ToDictionary(p => p.Key, p => (string?)p.Value);
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            env[key] = value;
        }
        return CommandRun.ExecuteAsync(Cli, command.WithProgress("plain").Arguments, directory, env, TimeSpan.FromMinutes(5),
            TestContext.Current.CancellationToken);
    }

    /// <param name="buildKit">Sets DOCKER_BUILDKIT=1, for a `docker build` of a generated Dockerfile.</param>
    public static Task<CommandRun> RunAsync(string[] args, string directory, bool buildKit = false) =>
        CommandRun.ExecuteAsync(Cli, args, directory,
            buildKit ? DockerBuildCommand.Environment.ToDictionary(p => p.Key, p => (string?)p.Value) : null,
            TimeSpan.FromMinutes(5), TestContext.Current.CancellationToken);

    /// <summary>A tag no other test uses.</summary>
    public static string UniqueTag(string name) => $"godocker-e2e/{name}:{Guid.NewGuid():N}"[..(22 + name.Length)];

    public static async Task RemoveImagesAsync(string directory, params string[] tags) =>
        await RunAsync(["rmi", "--force", .. tags], directory);

    /// <summary>
    /// Asserts that none of <paramref name="secrets"/> is in the image's layers and config (<c>docker save</c>) or in
    /// its history (<c>docker history --no-trunc</c>), where a secret passed as ARG, ENV or a layer file would show.
    /// </summary>
    public static async Task AssertImageHoldsNoneAsync(string tag, string directory, params string[] secrets)
    {
        var bytes = await SaveAsync(tag, directory, File.ReadAllBytesAsync);
        Assert.True(bytes.Length > 10_000, $"docker save of {tag} wrote only {bytes.Length} bytes");
        foreach (var secret in secrets)
        {
            Assert.False(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) >= 0, $"a secret is in the saved image {tag}");
        }
        var history = await RunAsync(["history", "--no-trunc", tag], directory);
        Assert.True(history.ExitCode == 0, history.ToString());
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, history.Output);
        }
    }

    /// <summary>A file's bytes from an image's layers (<c>docker save</c>), the last layer holding it winning.</summary>
    public static Task<byte[]?> ReadFileAsync(string tag, string pathInImage, string directory) =>
        SaveAsync(tag, directory, async (archive, cancellationToken) =>
        {
            byte[]? found = null;
            await using var outer = File.OpenRead(archive);
            using var images = new TarReader(outer);
            while (await images.GetNextEntryAsync(copyData: true, cancellationToken) is { } layer)
            {
                if (!layer.Name.EndsWith("layer.tar", StringComparison.Ordinal) || layer.DataStream is null)
                {
                    continue;
                }
                using var files = new TarReader(layer.DataStream);
                while (await files.GetNextEntryAsync(copyData: true, cancellationToken) is { } file)
                {
                    if (file.Name.TrimStart('.', '/') == pathInImage.TrimStart('/') && file.DataStream is not null)
                    {
                        using var bytes = new MemoryStream();
                        await file.DataStream.CopyToAsync(bytes, cancellationToken);
                        found = bytes.ToArray();
                    }
                }
            }
            return found;
        });

    /// <summary>Runs <c>docker save</c> of <paramref name="tag"/> into a scratch archive and reads it with <paramref name="read"/>.</summary>
    private static async Task<T> SaveAsync<T>(string tag, string directory, Func<string, CancellationToken, Task<T>> read)
    {
        using var scratch = new TestFolder("godocker-save-");
        var archive = scratch.Path("image.tar");
        var save = await RunAsync(["save", "--output", archive, tag], directory);
        Assert.True(save.ExitCode == 0, save.ToString());
        return await read(archive, TestContext.Current.CancellationToken);
    }
}
