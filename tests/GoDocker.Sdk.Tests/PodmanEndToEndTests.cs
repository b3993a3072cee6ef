using System.Text;
using GoDocker.Sdk.Tests.Dockerfiles;
using GoDocker.Sdk.Tests.Infrastructure;

namespace GoDocker.Sdk.Tests;

/// <summary>
/// Issue 16: `dotnet build` of a .goproj on podman (GoContainerEngine=Podman, podman 4.3 with Buildah, rootful, host
/// network): the same generated Dockerfile downloads, compiles and vets; a failure is reported where Docker reports it;
/// and a netrc-protected module behind a private CA builds with the secret in no layer of the image.
/// </summary>
public sealed class PodmanEndToEndTests(SdkPackages packages)
{
    [Fact]
    public async Task The_project_builds_on_podman_with_GoContainerEngine_Podman()
    {
        Requirements.Podman();
        await using var proxy = new TestModuleProxy();
        var dependency = proxy.AddUniqueGreeting();
        using var project = await TestGoProject.CreateAsync(packages, TestGoProject.LocalDockerSettings(proxy.Url, ("GoContainerEngine", "Podman")), dependency, proxy);

        var build = await project.BuildAsync();

        Assert.True(build.ExitCode == 0, build.ToString());
        var dockerfile = File.ReadAllText(project.DockerfilePath);
        Assert.DoesNotContain("# syntax=", dockerfile);
        Assert.Matches(@"RUN --mount=type=cache,id=[\w-]+,target=/go/pkg/mod", dockerfile);
        Assert.Contains($"/{dependency.Path}/@v/v1.0.0.zip", proxy.Requests);
        // Buildah's own step lines, for the deps stage and for the build stage (go build, then go vet).
        Assert.Contains("STEP ", build.Output);
        Assert.Contains("godocker-vet:", build.Output);
        Assert.DoesNotContain("#1 [internal]", build.Output);
    }

    [Fact]
    public async Task Dotnet_test_on_podman_reports_the_failed_go_test_at_its_line()
    {
        Requirements.Podman();
        await using var proxy = new TestModuleProxy();
        var dependency = proxy.AddUniqueGreeting();
        using var project = await TestGoProject.CreateAsync(packages, TestGoProject.LocalDockerSettings(proxy.Url, ("GoContainerEngine", "Podman")), dependency, proxy);
        File.WriteAllText(project.Path("main_test.go"),
            "package main\n\nimport \"testing\"\n\nfunc TestPasses(t *testing.T) {}\n\nfunc TestFails(t *testing.T) {\n\tt.Errorf(\"answer = %d, want 42\", 41)\n}\n");

        var test = await project.DotnetAsync("test", project.ProjectPath, "-nodeReuse:false", "-v:n");

        Assert.True(test.ExitCode != 0, test.ToString());
        var error = test.SingleError(e => e.Code == "GD8020");
        Assert.Equal(project.Path("main_test.go"), error.File);
        Assert.True(error.Line == 8, test.ToString());
        Assert.Contains("answer = 41, want 42", error.Message);
        Assert.Contains("Failed:     1, Passed:     1, Skipped:     0, Total:     2", test.Output);
        Assert.Contains("STEP ", test.Output);
    }

    [Fact]
    public async Task Auto_builds_on_podman_when_no_docker_engine_answers()
    {
        Requirements.Podman();
        await using var proxy = new TestModuleProxy();
        var dependency = proxy.AddUniqueGreeting();
        using var project = await TestGoProject.CreateAsync(packages, TestGoProject.LocalDockerSettings(proxy.Url, ("GoDownload", "Docker")), dependency, proxy);
        var noDocker = new Dictionary<string, string?> { ["DOCKER_HOST"] = "unix://" + project.Path("no-docker.sock") };

        var build = await project.DotnetAsync(noDocker, "build", project.ProjectPath, "-nodeReuse:false", "-v:n");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("STEP ", build.Output);
        Assert.Contains($"/{dependency.Path}/@v/v1.0.0.zip", proxy.Requests);
    }

    [Fact]
    public async Task A_version_the_proxy_lacks_is_reported_at_the_same_code_file_and_line_as_under_Docker()
    {
        Requirements.Podman();
        Requirements.Docker();
        await using var proxy = new TestModuleProxy();
        var dependency = proxy.AddUniqueGreeting();
        var errors = new List<BuildDiagnostic>();
        foreach (var engine in new[] { "Docker", "Podman" })
        {
            using var project = new TestGoProject(packages)
                .WithProject(TestGoProject.LocalDockerSettings(proxy.Url, ("GoContainerEngine", engine), ("GoVerify", "false")))
                .WithMainModule(dependency, requiredVersion: "v1.9.9");

            var build = await project.BuildAsync();

            Assert.NotEqual(0, build.ExitCode);
            var error = build.SingleError(e => e.Code.StartsWith("GD6", StringComparison.Ordinal));
            Assert.Equal(project.GoModPath, error.File);
            Assert.True(error.Line == 5, build.ToString());
            Assert.Contains("v1.9.9", error.Message);
            errors.Add(error);
            if (engine == "Podman")
            {
                Assert.Contains("STEP ", build.Output);
            }
        }
        Assert.Equal(errors[0].Code, errors[1].Code);
        Assert.Equal((errors[0].Line, errors[0].Column), (errors[1].Line, errors[1].Column));
        Assert.Equal(errors[0].Message, errors[1].Message);
    }

    [Fact]
    public async Task Publish_on_podman_loads_the_same_reproducible_image_that_Docker_gets()
    {
        Requirements.Podman();
        Requirements.Docker();
        await using var proxy = new TestModuleProxy();
        var dependency = proxy.AddUniqueGreeting();
        var repository = "godocker-e2e/podman-" + Guid.NewGuid().ToString("N")[..8];
        var environment = new Dictionary<string, string?> { ["SOURCE_DATE_EPOCH"] = "1700000000" };
        var ids = new Dictionary<string, string>();
        try
        {
            foreach (var engine in new[] { "Docker", "Podman" })
            {
                // The runtime image comes from each engine's own store (podman image inspect and podman save under Podman).
                using var project = await TestGoProject.CreateAsync(packages, TestGoProject.LocalDockerSettings(proxy.Url,
                    ("Version", "2.1.0"), ("GoImageRepository", repository), ("GoContainerEngine", engine)), dependency, proxy);

                var publish = await project.DotnetAsync(environment, "publish", project.ProjectPath, "-nodeReuse:false", "-v:n");

                Assert.True(publish.ExitCode == 0, publish.ToString());
                var cli = engine == "Podman" ? "podman" : "docker";
                Assert.Contains(engine == "Podman" ? "loaded into podman as" : "loaded into the Docker engine as", publish.Output);
                var inspect = await CommandRun.ExecuteAsync(cli, ["image", "inspect", "--format", "{{.Id}}", $"{repository}:2.1.0"], project.Directory,
                    new Dictionary<string, string?>(), cancellationToken: TestContext.Current.CancellationToken);
                Assert.True(inspect.ExitCode == 0, inspect.ToString());
                ids[engine] = inspect.Output.Trim().Replace("sha256:", "", StringComparison.Ordinal);
                if (engine == "Podman")
                {
                    Assert.Contains("STEP ", publish.Output);
                }
            }
            Assert.Equal(ids["Docker"], ids["Podman"]);
        }
        finally
        {
            foreach (var cli in new[] { "docker", "podman" })
            {
                await CommandRun.ExecuteAsync(cli, ["rmi", "--force", $"{repository}:2.1.0", $"{repository}:latest"], Path.GetTempPath(),
                    new Dictionary<string, string?>(), cancellationToken: TestContext.Current.CancellationToken);
            }
        }
    }

    [Fact]
    public async Task A_netrc_protected_module_behind_a_private_CA_builds_on_podman_and_the_secret_is_in_no_layer()
    {
        Requirements.Podman();
        await using var proxy = new TestModuleProxy();
        await using var https = new TlsTerminator(proxy.Port);
        var dependency = proxy.AddUniqueGreeting();
        using var secrets = new TestFolder("godocker-secret-");
        var password = "pw-" + Guid.NewGuid().ToString("N");
        var ca = secrets.Write("corp-root.crt", https.CaPem);
        var netrc = secrets.Write("netrc", $"machine 127.0.0.1 login ci password {password}\n");
        // The image that builds as uid 1001 with its own HOME: the secret and the CA must reach that user too.
        using var project = new TestGoProject(packages)
            .WithProject(TestGoProject.LocalDockerSettings(https.Url, ("GoContainerEngine", "Podman"))
                    .Select(p => p.Item1 == "GoBaseImage" ? (p.Item1, Requirements.NonRootImage) : p),
                $"<GoCaCertificate Include=\"{ca}\" />\n    <GoBuildSecret Include=\"netrc\" File=\"{netrc}\" />")
            .WithMainModule(dependency);
        await project.WriteGoSumAsync(proxy);
        proxy.RequiredCredentials = ("ci", password);

        var build = await project.BuildAsync();

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("STEP ", build.Output);
        Assert.Contains(proxy.Requests, r => r.EndsWith(".zip", StringComparison.Ordinal));
        Assert.DoesNotContain(password, build.Output);

        // The whole image, built by podman from the same Dockerfile and secret: no layer, config or history entry
        // holds the password.
        var tag = "localhost/godocker-podman-test:" + Guid.NewGuid().ToString("N")[..12];
        try
        {
            var full = await CommandRun.ExecuteAsync("podman", ["build", "--network", "host", "-f", project.DockerfilePath,
                "--secret", $"id=netrc,src={netrc}", "-t", tag, project.Directory], project.Directory, new Dictionary<string, string?>(), cancellationToken: TestContext.Current.CancellationToken);
            Assert.True(full.ExitCode == 0, full.ToString());
            // (Not run: this machine's sandbox refuses the rlimits podman run sets; the build's RUN steps are unaffected.)
            var entrypoint = await CommandRun.ExecuteAsync("podman", ["image", "inspect", "--format", "{{json .Config.Entrypoint}}", tag], project.Directory, new Dictionary<string, string?>(), cancellationToken: TestContext.Current.CancellationToken);
            Assert.True(entrypoint.ExitCode == 0, entrypoint.ToString());
            Assert.Contains("[\"/app\"]", entrypoint.Output);

            var archive = secrets.Path("image.tar");
            var save = await CommandRun.ExecuteAsync("podman", ["save", "--format", "docker-archive", "-o", archive, tag], project.Directory, new Dictionary<string, string?>(), cancellationToken: TestContext.Current.CancellationToken);
            Assert.True(save.ExitCode == 0, save.ToString());
            var bytes = await File.ReadAllBytesAsync(archive, TestContext.Current.CancellationToken);
            Assert.True(bytes.Length > 10_000, $"podman save wrote only {bytes.Length} bytes");
            Assert.False(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(password)) >= 0, "the netrc password is in the saved image");
            var history = await CommandRun.ExecuteAsync("podman", ["history", "--no-trunc", tag], project.Directory, new Dictionary<string, string?>(), cancellationToken: TestContext.Current.CancellationToken);
            Assert.True(history.ExitCode == 0, history.ToString());
            Assert.DoesNotContain(password, history.Output);
        }
        finally
        {
            await CommandRun.ExecuteAsync("podman", ["rmi", "--force", tag], project.Directory, new Dictionary<string, string?>(), cancellationToken: TestContext.Current.CancellationToken);
        }
    }
}
