using GoDocker.Core.Diagnostics;
using GoDocker.Core.Docker;
using GoDocker.Core.Dockerfiles;
using GoDocker.Core.Projects;
using GoDocker.Core.Tests.Projects;

namespace GoDocker.Core.Tests.Docker;

/// <summary>
/// GoContainerEngine: its value, the one place that picks the CLI from it, and the podman build command line the
/// download, build, test and publish stages then run.
/// </summary>
public sealed class ContainerEngineTests
{
    private static readonly DockerCli Podman = new("/usr/bin/podman", "4.3.1", UsesBuildx: false, ContainerEngineKind.Podman);

    [Theory]
    [InlineData("Podman", ContainerEngineChoice.Podman)]
    [InlineData("podman", ContainerEngineChoice.Podman)]
    [InlineData("Docker", ContainerEngineChoice.Docker)]
    [InlineData("", ContainerEngineChoice.Auto)]
    public void GoContainerEngine_reads_its_values_in_any_case(string value, ContainerEngineChoice expected)
    {
        using var fixture = new GoProjectFixture().Set("GoContainerEngine", value);
        var (settings, diagnostics) = fixture.Read();
        Assert.Empty(diagnostics);
        Assert.Equal(expected, settings.ContainerEngine);
    }

    [Theory]
    [InlineData("Kubernetes")]
    [InlineData("1")]
    [InlineData("docker buildx")]
    public void An_unknown_GoContainerEngine_is_GD1105_at_its_line(string value)
    {
        using var fixture = new GoProjectFixture().Set("GoContainerEngine", value);
        var (settings, diagnostics) = fixture.Read();
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("GD1105", diagnostic.Code);
        Assert.Equal(fixture.ProjectPath, diagnostic.Location?.File);
        Assert.Equal(fixture.LineOf("GoContainerEngine"), diagnostic.Location?.Line);
        Assert.Contains($"'{value}'", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("Auto, Docker or Podman", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(ContainerEngineChoice.Auto, settings.ContainerEngine);
    }

    [Fact]
    public void Podman_runs_the_same_stage_with_podman_build_and_without_BuildKit_only_words()
    {
        using var fixture = new GoProjectFixture().Set("GoDockerNetwork", "host").Set("GoPlatforms", "linux/amd64").WriteFile("ci.netrc", "machine a login b password c\n");
        var netrc = Path.Combine(fixture.ProjectDirectory, "ci.netrc");
        fixture.AddSecret(new GoBuildSecret("netrc", netrc, null, GoBuildSecretKind.Netrc));
        var (settings, diagnostics) = fixture.Read();
        Assert.DoesNotContain(diagnostics, d => d.IsError);
        var command = DockerBuildCommand.ForDownloadStage(settings, settings.DockerfilePath).WithGateway("http://127.0.0.1:4000");

        var args = command.BuildArgumentsFor(Podman);

        Assert.Equal(["build"], Podman.BuildCommand);
        Assert.False(Podman.Environment.ContainsKey("DOCKER_BUILDKIT"));
        Assert.DoesNotContain("--progress", args);
        Assert.Equal(command.BuildArguments.Where(a => a is not "--progress" and not "plain"), args);
        Assert.Contains("id=netrc,src=" + netrc, args);
        Assert.Contains("id=godocker-goproxy,env=GODOCKER_GOPROXY", args);
        Assert.Equal(DockerfileWriter.DepsStage, args[args.IndexOf("--target") + 1]);
        Assert.Equal("host", args[args.IndexOf("--network") + 1]);
        Assert.Equal(settings.DockerContext, args[^1]);
    }

    [Fact]
    public void Podman_takes_the_binary_stage_into_a_folder_as_docker_does()
    {
        using var fixture = new GoProjectFixture();
        var (settings, _) = fixture.Read();
        var args = DockerBuildCommand.For(settings, settings.DockerfilePath).WithTarget(DockerfileWriter.BinaryStage).WithLocalOutput("/tmp/out").WithProgress("plain")
            .BuildArgumentsFor(Podman);
        Assert.Equal("type=local,dest=/tmp/out", args[args.IndexOf("--output") + 1]);
        Assert.DoesNotContain("--progress", args);
        var logged = DockerBuildCommand.For(settings, settings.DockerfilePath).WithTarget(DockerfileWriter.BinaryStage).ToString(Podman);
        Assert.StartsWith("/usr/bin/podman build --file ", logged, StringComparison.Ordinal);
        Assert.DoesNotContain("DOCKER_BUILDKIT", logged, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GoDockerBuilder", "ci-builder")]
    [InlineData("GoDockerCacheFrom", "type=local,src=/ci/cache")]
    [InlineData("GoDockerCacheTo", "type=inline")]
    public void A_buildx_only_setting_under_podman_is_GD5021_at_its_line(string property, string value)
    {
        using var fixture = new GoProjectFixture().Set("GoModCacheMode", "Layer").Set("GoContainerEngine", "Podman").Set(property, value);
        var (settings, diagnostics) = fixture.Read();
        Assert.DoesNotContain(diagnostics, d => d.IsError);

        var e = Assert.Throws<DiagnosticException>(() => DockerBuildCommand.For(settings, settings.DockerfilePath).BuildArgumentsFor(Podman));

        Assert.Equal("GD5021", e.Diagnostic.Code);
        Assert.Equal(fixture.LineOf(property), e.Diagnostic.Location?.Line);
        Assert.StartsWith($"{property} '{value}' needs docker buildx", e.Diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("GoContainerEngine to Docker", e.Diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Podman_asked_for_where_none_runs_is_GD5020_at_GoContainerEngine()
    {
        using var fixture = new GoProjectFixture().Set("GoContainerEngine", "Podman");
        var (settings, _) = fixture.Read();
        var empty = Directory.CreateTempSubdirectory("godocker-nopodman-").FullName;
        try
        {
            var selector = new ContainerEngineSelector(podman: new PodmanCliLocator(name => name == "PATH" ? empty : null));

            var e = await Assert.ThrowsAsync<DiagnosticException>(() => selector.SelectAsync(settings, null, TestContext.Current.CancellationToken));

            Assert.Equal("GD5020", e.Diagnostic.Code);
            Assert.Equal(fixture.LineOf("GoContainerEngine"), e.Diagnostic.Location?.Line);
            Assert.Contains("no 'podman' on PATH", e.Diagnostic.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [Fact]
    public async Task A_GODOCKER_PODMAN_CLI_that_does_not_exist_is_named_in_GD5020()
    {
        using var fixture = new GoProjectFixture().Set("GoContainerEngine", "Podman");
        var (settings, _) = fixture.Read();
        var missing = Path.Combine(fixture.Root, "no-such-podman");
        var selector = new ContainerEngineSelector(podman: new PodmanCliLocator(name => name == "GODOCKER_PODMAN_CLI" ? missing : null));

        var e = await Assert.ThrowsAsync<DiagnosticException>(() => selector.SelectAsync(settings, null, TestContext.Current.CancellationToken));

        Assert.Equal("GD5020", e.Diagnostic.Code);
        Assert.Contains($"GODOCKER_PODMAN_CLI names {missing}, which does not exist", e.Diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Auto_takes_podman_when_the_docker_engine_does_not_answer_and_docker_otherwise()
    {
        using var fixture = new GoProjectFixture();
        var (settings, _) = fixture.Read();
        var bin = Directory.CreateTempSubdirectory("godocker-engines-").FullName;
        try
        {
            // CLIs that answer what a docker with buildx and a podman answer; the engine behind docker is what Auto tests.
            var docker = Script(bin, "docker", "case \"$1\" in version) echo 28.0.0;; buildx) echo 'github.com/docker/buildx v0.20.0';; esac");
            var podman = Script(bin, "podman", "echo 4.3.1");
            var dockerLocator = new DockerCliLocator(name => name == "GODOCKER_DOCKER_CLI" ? docker : null);
            var podmanLocator = new PodmanCliLocator(name => name == "PATH" ? bin : null);
            var noEngine = new DockerEndpoint(new Uri("unix://" + Path.Combine(bin, "no-docker.sock")));
            var ct = TestContext.Current.CancellationToken;

            var withoutEngine = await new ContainerEngineSelector(dockerLocator, podmanLocator, noEngine).SelectAsync(settings, null, ct);
            Assert.Equal(ContainerEngineKind.Podman, withoutEngine.Kind);
            Assert.Equal(podman, withoutEngine.Path);

            // Asked for Docker, the same machine keeps docker: its build then says why the engine is unusable.
            var asked = await new ContainerEngineSelector(dockerLocator, podmanLocator, noEngine)
                .SelectAsync(settings with { ContainerEngine = ContainerEngineChoice.Docker }, null, ct);
            Assert.Equal(ContainerEngineKind.Docker, asked.Kind);

            // Without podman, Auto is docker as before, and no engine probe decides anything.
            var noPodman = new PodmanCliLocator(name => name == "PATH" ? Path.Combine(bin, "empty") : null);
            var dockerOnly = await new ContainerEngineSelector(dockerLocator, noPodman, noEngine).SelectAsync(settings, null, ct);
            Assert.Equal(docker, dockerOnly.Path);
        }
        finally
        {
            Directory.Delete(bin, recursive: true);
        }
    }

    [Fact]
    public async Task Auto_keeps_docker_when_the_Docker_address_is_configured_wrongly_so_the_mistake_is_reported()
    {
        using var fixture = new GoProjectFixture();
        var (settings, _) = fixture.Read();
        var bin = Directory.CreateTempSubdirectory("godocker-engines-").FullName;
        try
        {
            var docker = Script(bin, "docker", "case \"$1\" in version) echo 28.0.0;; buildx) echo 'github.com/docker/buildx v0.20.0';; esac");
            Script(bin, "podman", "echo 4.3.1");
            var dockerLocator = new DockerCliLocator(name => name == "GODOCKER_DOCKER_CLI" ? docker : null);
            var podmanLocator = new PodmanCliLocator(name => name == "PATH" ? bin : null);
            // A context that is not in the store: the engine never answers, yet podman must not quietly take over.
            var misconfigured = new DockerEndpoint(new Uri("unix://" + Path.Combine(bin, "no-docker.sock")))
            {
                Problem = DiagnosticCatalog.DockerContextMissing.Create("ci-remote", "DOCKER_CONTEXT", "no meta.json"),
            };

            var chosen = await new ContainerEngineSelector(dockerLocator, podmanLocator, misconfigured)
                .SelectAsync(settings, null, TestContext.Current.CancellationToken);

            Assert.Equal(ContainerEngineKind.Docker, chosen.Kind);
            Assert.Equal(docker, chosen.Path);
        }
        finally
        {
            Directory.Delete(bin, recursive: true);
        }
    }

    [Fact]
    public void Verify_in_container_on_podman_without_its_API_socket_is_GD5022_at_GoContainerEngine()
    {
        using var fixture = new GoProjectFixture().Set("GoContainerEngine", "Podman");
        var (settings, _) = fixture.Read();
        var socket = Path.Combine(fixture.Root, "podman.sock");

        var e = Assert.Throws<DiagnosticException>(() => PodmanApiSocket.Endpoint(settings, name => name == "CONTAINER_HOST" ? "unix://" + socket : null));

        Assert.Equal("GD5022", e.Diagnostic.Code);
        Assert.Equal(fixture.LineOf("GoContainerEngine"), e.Diagnostic.Location?.Line);
        Assert.Contains($"nothing serves it at {socket}", e.Diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("podman.socket", e.Diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Podmans_API_socket_answers_as_a_Docker_engine_for_verify_in_container()
    {
        var podman = new PodmanCliLocator();
        if (!podman.IsInstalled)
        {
            Assert.SkipWhen(Environment.GetEnvironmentVariable("GODOCKER_REQUIRE_DOCKER") != "1", "Skipped: no podman (run build/docker-setup.sh).");
            Assert.Fail("GODOCKER_REQUIRE_DOCKER=1 but no podman on PATH.");
        }
        using var fixture = new GoProjectFixture().Set("GoContainerEngine", "Podman");
        var (settings, _) = fixture.Read();
        var socket = Path.Combine(fixture.Root, "podman.sock");
        var cli = await podman.LocateAsync(null, TestContext.Current.CancellationToken);
        using var service = System.Diagnostics.Process.Start(cli.Path, ["system", "service", "--time=0", "unix://" + socket])!;
        try
        {
            for (var i = 0; i < 100 && !File.Exists(socket); i++)
            {
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }

            var endpoint = PodmanApiSocket.Endpoint(settings, name => name == "CONTAINER_HOST" ? "unix://" + socket : null);
            var status = await new DockerEngineProbe(endpoint).CheckAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

            Assert.Equal(new Uri("unix://" + socket), endpoint.Uri);
            Assert.True(status.SupportsBuildKit, status.ToString());
        }
        finally
        {
            service.Kill(entireProcessTree: true);
        }
    }

    private static string Script(string folder, string name, string body)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return path;
    }
}
