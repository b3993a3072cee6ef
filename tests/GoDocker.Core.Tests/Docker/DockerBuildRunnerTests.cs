using System.Diagnostics;
using GoDocker.Core.Docker;

namespace GoDocker.Core.Tests.Docker;

/// <summary>The docker build runner: every output line reaches the log and the result, and cancelling ends the build at once.</summary>
public sealed class DockerBuildRunnerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("godocker-runner-").FullName;

    [Fact]
    public async Task Every_line_of_both_streams_is_streamed_and_kept_with_the_exit_code()
    {
        var cli = Cli("i=0; while [ $i -lt 500 ]; do echo \"out $i\"; echo \"err $i\" >&2; i=$((i+1)); done; exit 3");
        var streamed = new List<string>();

        var result = await new DockerBuildRunner(cli).RunAsync(["--target", "deps", "."], _folder, streamed.Add, null, TestContext.Current.CancellationToken);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(1000, streamed.Count);
        Assert.Contains("out 499", streamed);
        Assert.Contains("err 499", streamed);
        Assert.Equal(1000, result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Cancelling_kills_the_build_instead_of_waiting_for_it()
    {
        var cli = Cli("echo started; sleep 60; echo never");
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancellation.CancelAfter(TimeSpan.FromMilliseconds(300));
        var stopwatch = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new DockerBuildRunner(cli).RunAsync(["."], _folder, _ => { }, null, cancellation.Token));

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(20), $"took {stopwatch.Elapsed}");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A docker CLI stand-in whose build runs <paramref name="script"/>.</summary>
    private DockerCli Cli(string script)
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("the docker CLI stand-in is a POSIX shell script");
        }
        var path = Path.Combine(_folder, "docker");
        File.WriteAllText(path, "#!/bin/sh\n" + script + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return new DockerCli(path, "20.10.24", UsesBuildx: false);
    }
}
