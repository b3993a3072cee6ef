using GoDocker.Core.Diagnostics;
using GoDocker.Core.Docker;
using GoDocker.Core.Tests.Projects;

namespace GoDocker.Core.Tests.Docker;

/// <summary>
/// The builder check before a build, through a docker stand-in whose <c>buildx inspect</c> prints output recorded
/// from the buildx sources (no buildx on this machine): the process boundary is the only thing replaced.
/// </summary>
public sealed class BuildxBuilderProbeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("godocker-buildx-").FullName;

    [Theory]
    [InlineData("inspect-docker-container.txt", "docker-container")]
    [InlineData("inspect-kubernetes.txt", "kubernetes")]
    [InlineData("inspect-remote.txt", "remote")]
    public async Task Loopback_GoProxy_with_a_builder_recorded_from_buildx_sources_is_GD5060_at_the_GoProxy_line(string sample, string driver)
    {
        using var project = new GoProjectFixture().Set("GoProxy", "http://127.0.0.1:5000,direct");
        var (settings, _) = project.Read();

        var problem = await new BuildxBuilderProbe().CheckAsync(Buildx(sample), settings, null, TestContext.Current.CancellationToken);

        Assert.NotNull(problem);
        Assert.Same(DiagnosticCatalog.BuilderCannotReachHostLoopback, problem.Descriptor);
        Assert.Equal(project.LineOf("GoProxy"), problem.Location!.Line);
        Assert.Contains("http://127.0.0.1:5000", problem.Message);
        Assert.Contains("driver " + driver, problem.Message);
        Assert.Contains("GoDockerNetwork", problem.Message);
    }

    [Theory]
    [InlineData("inspect-docker.txt")]
    [InlineData("inspect-docker-container-host-network.txt")]
    public async Task Loopback_GoProxy_with_a_builder_on_the_host_network_recorded_from_buildx_sources_passes(string sample)
    {
        using var project = new GoProjectFixture().Set("GoProxy", "http://localhost:5000");
        var (settings, _) = project.Read();

        Assert.Null(await new BuildxBuilderProbe().CheckAsync(Buildx(sample), settings, null, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_reachable_GoProxy_never_asks_buildx()
    {
        using var project = new GoProjectFixture().Set("GoProxy", "https://goproxy.example.corp,direct");
        var (settings, _) = project.Read();
        var cli = Script("echo asked > \"$(dirname \"$0\")/asked\"; exit 1", buildx: true);

        Assert.Null(await new BuildxBuilderProbe().CheckAsync(cli, settings, null, TestContext.Current.CancellationToken));
        Assert.False(File.Exists(Path.Combine(_folder, "asked")));
    }

    [Fact]
    public async Task GoDockerBuilder_is_passed_to_buildx_inspect_and_a_missing_builder_is_GD5062_at_its_line()
    {
        using var project = new GoProjectFixture().Set("GoDockerBuilder", "ci");
        var (settings, _) = project.Read();
        var stderr = Path.Combine(AppContext.BaseDirectory, "TestData", "buildx", "inspect-not-found.stderr.txt");
        var cli = Script($"echo \"$@\" > \"$(dirname \"$0\")/args\"; cat '{stderr}' >&2; exit 1", buildx: true);

        var problem = await new BuildxBuilderProbe().CheckAsync(cli, settings, null, TestContext.Current.CancellationToken);

        Assert.Equal("buildx inspect ci", File.ReadAllText(Path.Combine(_folder, "args")).Trim());
        Assert.NotNull(problem);
        Assert.Same(DiagnosticCatalog.BuilderNotFound, problem.Descriptor);
        Assert.Equal(project.LineOf("GoDockerBuilder"), problem.Location!.Line);
        Assert.Contains("no builder \"ci\" found", problem.Message);
        Assert.Contains("docker buildx create --name ci", problem.Message);
    }

    [Fact]
    public async Task GoDockerBuilder_without_buildx_is_GD5061_at_its_line()
    {
        using var project = new GoProjectFixture().Set("GoDockerBuilder", "ci");
        var (settings, _) = project.Read();
        var cli = Script("exit 99", buildx: false);

        var problem = await new BuildxBuilderProbe().CheckAsync(cli, settings, null, TestContext.Current.CancellationToken);

        Assert.NotNull(problem);
        Assert.Same(DiagnosticCatalog.BuilderNeedsBuildx, problem.Descriptor);
        Assert.Equal(project.LineOf("GoDockerBuilder"), problem.Location!.Line);
        Assert.Contains("buildx plugin", problem.Message);
    }

    [Fact]
    public async Task Without_buildx_the_engines_built_in_builder_has_the_docker_driver()
    {
        using var project = new GoProjectFixture().Set("GoProxy", "http://127.0.0.1:5000");
        var (settings, _) = project.Read();

        var (builder, problem) = await new BuildxBuilderProbe().InspectAsync(Script("exit 99", buildx: false), settings, TestContext.Current.CancellationToken);

        Assert.Null(problem);
        Assert.Equal("docker", builder!.Driver);
        Assert.True(builder.SharesHostLoopback);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private DockerCli Buildx(string sample)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestData", "buildx", sample);
        return Script($"[ \"$1 $2\" = 'buildx inspect' ] || exit 2; cat '{path}'", buildx: true);
    }

    private DockerCli Script(string script, bool buildx)
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
        return new DockerCli(path, buildx ? "27.3.1" : "20.10.24", UsesBuildx: buildx);
    }
}
