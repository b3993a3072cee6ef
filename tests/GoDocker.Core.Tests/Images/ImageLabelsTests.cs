using System.Diagnostics;
using GoDocker.Core.Images;

namespace GoDocker.Core.Tests.Images;

/// <summary>The OCI labels publish sets from git, the project's Version and SOURCE_DATE_EPOCH.</summary>
public sealed class ImageLabelsTests
{
    [Fact]
    public async Task A_git_project_gets_its_commit_and_its_remote_without_credentials()
    {
        var folder = Directory.CreateTempSubdirectory("godocker-labels-").FullName;
        try
        {
            Git(folder, "init", "-q");
            Git(folder, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "--allow-empty", "-m", "first");
            Git(folder, "remote", "add", "origin", "https://someone:ghp_secret0123456789@git.example.com/team/hello.git");
            var head = Git(folder, "rev-parse", "HEAD").Trim();

            var labels = await ImageLabels.ComputeAsync(folder, "1.2.3", DateTimeOffset.FromUnixTimeSeconds(1700000000), TestContext.Current.CancellationToken);

            Assert.Equal(head, labels[ImageLabels.Revision]);
            Assert.Equal("https://git.example.com/team/hello.git", labels[ImageLabels.Source]);
            Assert.Equal("1.2.3", labels[ImageLabels.Version]);
            Assert.Equal("2023-11-14T22:13:20Z", labels[ImageLabels.Created]);
            Assert.DoesNotContain(labels.Values, v => v.Contains("secret", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Outside_git_and_without_an_epoch_there_is_only_the_version()
    {
        var folder = Directory.CreateTempSubdirectory("godocker-labels-").FullName;
        try
        {
            var labels = await ImageLabels.ComputeAsync(folder, "1.0.0", null, TestContext.Current.CancellationToken);

            Assert.Equal([ImageLabels.Version], labels.Keys);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Git(string folder, params string[] args)
    {
        var start = new ProcessStartInfo("git", args) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["HOME"] = folder;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', args)}: {error}");
        return output;
    }
}
