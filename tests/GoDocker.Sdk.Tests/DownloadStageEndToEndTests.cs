using System.Diagnostics;
using GoDocker.Sdk.Tests.Infrastructure;

namespace GoDocker.Sdk.Tests;

/// <summary>The download stage's incrementality, host mode and cancellation, through real dotnet build.</summary>
public sealed class DownloadStageEndToEndTests(SdkPackages packages)
{
    [Fact]
    public async Task A_changed_go_sum_runs_the_download_again()
    {
        Requirements.Docker();
        await using var proxy = new TestModuleProxy();
        var dependency = proxy.AddUniqueGreeting();
        using var project = await TestGoProject.CreateAsync(packages, TestGoProject.LocalDockerSettings(proxy.Url), dependency, proxy);
        Assert.Equal(0, (await project.BuildAsync()).ExitCode);
        Assert.Contains("Skipping target \"GoDockerDownload\"", (await project.BuildAsync()).Output);

        // The same entries in another order: a real edit of go.sum that the go command accepts.
        var lines = File.ReadAllLines(project.GoSumPath).Reverse().ToArray();
        File.WriteAllLines(project.GoSumPath, lines);
        var third = await project.BuildAsync();

        Assert.True(third.ExitCode == 0, third.ToString());
        Assert.DoesNotContain("Skipping target \"GoDockerDownload\"", third.Output);
        Assert.Contains("[deps", third.Output);
    }

    [Fact]
    public async Task GoDownload_Local_downloads_with_the_host_go_and_no_docker()
    {
        Requirements.Go();
        await using var proxy = new TestModuleProxy();
        var dependency = proxy.AddUniqueGreeting();
        var modCache = Directory.CreateTempSubdirectory("godocker-gomodcache-").FullName;
        try
        {
            using var project = await TestGoProject.CreateAsync(packages, TestGoProject.LocalDockerSettings(proxy.Url, ("GoDownload", "Local")), dependency, proxy);

            // The host's go writes to a module cache of the test's own, not the developer's.
            var build = await project.DotnetAsync(
                new Dictionary<string, string?> { ["GOMODCACHE"] = modCache, ["GOFLAGS"] = "-modcacherw" },
                "build", project.ProjectPath, "-nodeReuse:false", "-v:n");

            Assert.True(build.ExitCode == 0, build.ToString());
            Assert.DoesNotContain("[deps", build.Output);
            Assert.Contains($"/{dependency.Path}/@v/v1.0.0.zip", proxy.Requests);
            Assert.True(File.Exists(project.Path("obj", "Debug", "godocker", "download.stamp")));
        }
        finally
        {
            MakeWritable(modCache);
            Directory.Delete(modCache, recursive: true);
        }
    }

    [Fact]
    public async Task GoDownload_Auto_falls_back_to_the_host_go_when_no_docker_engine_answers()
    {
        Requirements.Go();
        await using var proxy = new TestModuleProxy();
        var dependency = proxy.AddUniqueGreeting();
        var modCache = Directory.CreateTempSubdirectory("godocker-gomodcache-").FullName;
        try
        {
            // GoContainerEngine=Docker: under Auto a machine with podman would build there instead (PodmanEndToEndTests).
            using var project = await TestGoProject.CreateAsync(packages, TestGoProject.LocalDockerSettings(proxy.Url, ("GoDownload", "Auto"), ("GoContainerEngine", "Docker")), dependency, proxy);
            var noEngine = new Dictionary<string, string?>
            {
                ["DOCKER_HOST"] = "unix://" + project.Path("no-docker.sock"),
                ["GOMODCACHE"] = modCache,
                ["GOFLAGS"] = "-modcacherw",
            };

            var auto = await project.DotnetAsync(noEngine, "build", project.ProjectPath, "-nodeReuse:false", "-v:n");

            Assert.True(auto.ExitCode == 0, auto.ToString());
            Assert.True(auto.Output.Contains("downloading modules with the host's go instead", StringComparison.Ordinal), auto.ToString());
            Assert.Contains($"/{dependency.Path}/@v/v1.0.0.zip", proxy.Requests);

            // Asked for Docker explicitly, the same machine is an error that names the engine address.
            project.WithProject(TestGoProject.LocalDockerSettings(proxy.Url, ("GoDownload", "Docker"), ("GoContainerEngine", "Docker")));
            var docker = await project.DotnetAsync(noEngine, "build", project.ProjectPath, "-nodeReuse:false", "-v:n");
            Assert.NotEqual(0, docker.ExitCode);
            var error = docker.SingleError(e => e.Code == "GD5001");
            Assert.Contains("no-docker.sock", error.Message);
        }
        finally
        {
            MakeWritable(modCache);
            Directory.Delete(modCache, recursive: true);
        }
    }

    [Fact]
    public async Task Cancelling_the_build_while_docker_downloads_leaves_no_docker_build_behind()
    {
        Requirements.Docker();
        await using var proxy = new TestModuleProxy();
        var dependency = proxy.AddUniqueGreeting();
        var zipRequested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var project = await TestGoProject.CreateAsync(packages, TestGoProject.LocalDockerSettings(proxy.Url), dependency, proxy);
        using var release = new CancellationTokenSource();
        proxy.BeforeServe = async path =>
        {
            if (path.EndsWith(".zip", StringComparison.Ordinal))
            {
                zipRequested.TrySetResult();
                await Task.Delay(Timeout.Infinite, release.Token);
            }
        };

        using var build = Process.Start(new ProcessStartInfo("dotnet", ["build", project.ProjectPath, "-nodeReuse:false", "-v:n"])
        {
            WorkingDirectory = project.Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["NUGET_PACKAGES"] = packages.PackagesFolder, ["MSBUILDTERMINALLOGGER"] = "off", ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0" },
        })!;
        var ct = TestContext.Current.CancellationToken;
        var output = build.StandardOutput.ReadToEndAsync(ct);
        _ = build.StandardError.ReadToEndAsync(ct);
        try
        {
            await zipRequested.Task.WaitAsync(TimeSpan.FromMinutes(3), ct);
            Assert.NotEmpty(DockerBuildsOf(project.DockerfilePath));

            // Ctrl+C, as a user at a terminal would.
            var interrupt = await CommandRun.ExecuteAsync("kill", ["-INT", build.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], project.Directory, cancellationToken: ct);
            Assert.Equal(0, interrupt.ExitCode);
            await build.WaitForExitAsync(ct).WaitAsync(TimeSpan.FromSeconds(60), ct);
        }
        finally
        {
            release.Cancel();
            if (!build.HasExited)
            {
                build.Kill(entireProcessTree: true);
            }
        }

        Assert.NotEqual(0, build.ExitCode);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DockerBuildsOf(project.DockerfilePath).Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200, ct);
        }
        Assert.Empty(DockerBuildsOf(project.DockerfilePath));
        Assert.Contains("GD9002", await output);
    }

    /// <summary>Processes whose command line names this project's Dockerfile: the docker CLI children of our task.</summary>
    private static List<int> DockerBuildsOf(string dockerfile)
    {
        var found = new List<int>();
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }
            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (cmdline.Contains("docker", StringComparison.Ordinal) && cmdline.Contains(dockerfile, StringComparison.Ordinal) && !cmdline.Contains("dotnet", StringComparison.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        return found;
    }

    private static void MakeWritable(string dir)
    {
        foreach (var entry in new DirectoryInfo(dir).EnumerateFileSystemInfos("*", SearchOption.AllDirectories))
        {
            entry.Attributes &= ~FileAttributes.ReadOnly;
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(entry.FullName, File.GetUnixFileMode(entry.FullName) | UnixFileMode.UserWrite);
            }
        }
    }
}
