using GoDocker.Sdk.Tests.Infrastructure;

namespace GoDocker.Sdk.Tests;

/// <summary>
/// A buildx builder with its own network (GitHub Actions' setup-buildx-action gives one) and a GoProxy on the host's
/// loopback: GD5060 at the GoProxy line before any build starts, from `godocker verify` (the host reaching the proxy
/// proves nothing for such a builder), `godocker download` and `dotnet build`.
/// There is no buildx here, so the docker CLI is a stand-in (GODOCKER_DOCKER_CLI) that answers `buildx inspect` with
/// output recorded from the buildx sources and records any build it is asked for. GoContainerEngine=Docker: under Auto
/// a machine without a Docker engine but with podman would build on podman, which has no builders.
/// </summary>
public sealed class BuildxBuilderEndToEndTests(SdkPackages packages)
{
    [Fact]
    public async Task Loopback_GoProxy_with_a_docker_container_builder_recorded_from_buildx_sources_is_GD5060_at_the_GoProxy_line_before_any_build()
    {
        Requirements.Go();
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("the docker CLI stand-in is a POSIX shell script");
        }
        await using var proxy = new TestModuleProxy();
        var dependency = proxy.AddUniqueGreeting();
        using var project = new TestGoProject(packages)
            .WithProject(TestGoProject.LocalDockerSettings(proxy.Url + ",direct", ("GoDownload", "Docker"), ("GoContainerEngine", "Docker")))
            .WithMainModule(dependency);
        await project.WriteGoSumAsync(proxy);
        var inspect = RepositoryPaths.Path("tests", "GoDocker.Core.Tests", "TestData", "buildx", "inspect-docker-container.txt");
        var builds = project.Path("builds-started");
        var docker = project.Path("fake-docker");
        File.WriteAllText(docker, $"""
            #!/bin/sh
            case "$1 $2" in
              "version --format") echo 27.3.1 ;;
              "buildx version") echo "github.com/docker/buildx v0.17.1 257815a" ;;
              "buildx inspect") cat '{inspect}' ;;
              *) echo "$@" >> '{builds}'; exit 1 ;;
            esac
            """.Replace("\r", ""));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(docker, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var environment = new Dictionary<string, string?> { ["GODOCKER_DOCKER_CLI"] = docker };
        var goProxyLine = File.ReadAllLines(project.ProjectPath).ToList().FindIndex(l => l.Contains("<GoProxy>", StringComparison.Ordinal)) + 1;
        await project.InstallToolAsync();

        var verify = await project.DotnetAsync(environment, "tool", "run", "godocker", "verify");
        var download = await project.DotnetAsync(environment, "tool", "run", "godocker", "download");
        var build = await project.DotnetAsync(environment, "build", project.ProjectPath, "-nodeReuse:false", "-v:n");

        foreach (var run in new[] { verify, download, build })
        {
            Assert.NotEqual(0, run.ExitCode);
            var error = run.SingleError(d => d.Code == "GD5060");
            Assert.EndsWith("app.goproj", error.File);
            Assert.Equal(goProxyLine, error.Line);
            Assert.Contains(proxy.Url, error.Message);
            Assert.Contains("driver docker-container", error.Message);
        }
        Assert.False(File.Exists(builds), "a build started: " + (File.Exists(builds) ? File.ReadAllText(builds) : ""));
    }
}
