using GoDocker.Core.Dockerfiles;
using GoDocker.Core.Projects;
using GoDocker.Sdk.Tests.Infrastructure;

namespace GoDocker.Sdk.Tests.Dockerfiles;

/// <summary>
/// Issue 4's real builds of the generated Dockerfile, on the local base image and a local module proxy: the plain
/// sample builds and runs; a proxy behind basic auth builds only with the netrc secret, which then appears in no
/// image layer or history; an HTTPS proxy with a private CA fails without GoCaCertificate and works with it.
/// Drives Core and the docker CLI directly, as the download runner does.
/// </summary>
public sealed class GeneratedDockerfileBuildTests(SdkPackages packages)
{
    [Fact]
    public async Task Plain_sample_builds_and_its_final_image_runs_as_non_root()
    {
        Requirements.Docker();
        await using var proxy = new TestModuleProxy();
        var dependency = proxy.AddUniqueGreeting();
        using var project = new TestGoProject(packages).WithMainModule(dependency);
        await project.WriteGoSumAsync(proxy);
        File.WriteAllText(project.Path(".netrc"), "machine example.invalid login a password b\n");
        Directory.CreateDirectory(project.Path("bin"));
        File.WriteAllText(project.Path("bin", "stale"), "old build output\n");
        var (settings, dockerfile) = await GenerateAsync(project, Settings(proxy.Url));
        var tag = TestDocker.UniqueTag("plain");
        var buildStage = TestDocker.UniqueTag("plain-build");
        try
        {
            var stage = await TestDocker.BuildAsync(DockerBuildCommand.For(settings, dockerfile).WithTarget(DockerfileWriter.BuildStage).WithTag(buildStage), project.Directory);
            Assert.True(stage.ExitCode == 0, stage.ToString());
            var listing = await TestDocker.RunAsync(["run", "--rm", "--network", "none", "--entrypoint", "/bin/sh", buildStage, "-c", "cd /src && find . -type f"], project.Directory);
            Assert.True(listing.ExitCode == 0, listing.ToString());
            Assert.Contains("./main.go", listing.Output);
            Assert.DoesNotContain(".netrc", listing.Output);
            Assert.DoesNotContain("./bin/", listing.Output);
            Assert.DoesNotContain("./obj/", listing.Output);

            var build = await TestDocker.BuildAsync(DockerBuildCommand.For(settings, dockerfile).WithTag(tag), project.Directory);
            Assert.True(build.ExitCode == 0, build.ToString());

            var run = await TestDocker.RunAsync(["run", "--rm", "--network", "none", tag], project.Directory);
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Equal("hello, docker\n", run.Output);
            var user = await TestDocker.RunAsync(["image", "inspect", "--format", "{{.Config.User}}", tag], project.Directory);
            Assert.Equal("65532:65532\n", user.Output);
        }
        finally
        {
            await TestDocker.RemoveImagesAsync(project.Directory, tag, buildStage);
        }
    }

    [Fact]
    public async Task Private_proxy_builds_only_with_the_netrc_secret_which_no_image_layer_or_history_holds()
    {
        Requirements.Docker();
        // The go command sends netrc credentials over HTTPS only, so the private proxy speaks HTTPS with its own CA.
        await using var proxy = new TestModuleProxy();
        await using var https = new TlsTerminator(proxy.Port);
        var dependency = proxy.AddUniqueGreeting();
        using var project = new TestGoProject(packages).WithMainModule(dependency);
        await project.WriteGoSumAsync(proxy);
        var password = "pw-" + Guid.NewGuid().ToString("N");
        proxy.RequiredCredentials = ("ci", password);
        using var secrets = new TestFolder("godocker-secret-");
        var netrc = secrets.Write("netrc", $"machine 127.0.0.1 login ci password {password}\n");
        var ca = secrets.Write("corp-root.crt", https.CaPem);
        var (settings, dockerfile) = await GenerateAsync(project, Settings(https.Url), [ca], [new GoBuildSecret("netrc", netrc, null)]);
        Assert.DoesNotContain(password, File.ReadAllText(dockerfile));

        var withSecret = DockerBuildCommand.For(settings, dockerfile);
        var withoutSecret = withSecret with { Secrets = [] };
        var failed = await TestDocker.BuildAsync(withoutSecret.ForDownload(), project.Directory);
        Assert.True(failed.ExitCode != 0, "the deps stage built without the netrc secret:\n" + failed);

        var buildTag = TestDocker.UniqueTag("netrc-build");
        var finalTag = TestDocker.UniqueTag("netrc-final");
        try
        {
            var build = await TestDocker.BuildAsync(withSecret.WithTarget(DockerfileWriter.BuildStage).WithTag(buildTag), project.Directory);
            Assert.True(build.ExitCode == 0, build.ToString());
            Assert.Contains(proxy.Requests, r => r.EndsWith(".zip", StringComparison.Ordinal));
            var final = await TestDocker.BuildAsync(withSecret.WithTag(finalTag), project.Directory);
            Assert.True(final.ExitCode == 0, final.ToString());
            Assert.DoesNotContain(password, build.Output + final.Output);

            foreach (var tag in new[] { buildTag, finalTag })
            {
                await TestDocker.AssertImageHoldsNoneAsync(tag, project.Directory, password, "password " + password[..8]);
            }
        }
        finally
        {
            await TestDocker.RemoveImagesAsync(project.Directory, buildTag, finalTag);
        }
    }

    [Fact]
    public async Task Https_proxy_with_a_private_CA_fails_without_GoCaCertificate_and_builds_with_it()
    {
        Requirements.Docker();
        await using var proxy = new TestModuleProxy();
        await using var https = new TlsTerminator(proxy.Port);
        var dependency = proxy.AddUniqueGreeting();
        using var project = new TestGoProject(packages).WithMainModule(dependency);
        await project.WriteGoSumAsync(proxy);

        var (untrusted, dockerfile) = await GenerateAsync(project, Settings(https.Url));
        var failed = await TestDocker.BuildAsync(DockerBuildCommand.For(untrusted, dockerfile).ForDownload(), project.Directory);
        Assert.True(failed.ExitCode != 0, failed.ToString());
        Assert.Contains("x509: certificate signed by unknown authority", failed.Output);

        using var caDirectory = new TestFolder("godocker-ca-");
        var ca = caDirectory.Write("corp-root.crt", https.CaPem);
        var (trusted, trustedDockerfile) = await GenerateAsync(project, Settings(https.Url), certificates: [ca]);
        Assert.Contains("COPY obj/godocker/context/ca/ /usr/local/share/ca-certificates/", File.ReadAllText(trustedDockerfile));
        var build = await TestDocker.BuildAsync(DockerBuildCommand.For(trusted, trustedDockerfile).ForDownload(), project.Directory);
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains(proxy.Requests, r => r.EndsWith(".zip", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Netrc_secret_text_is_in_neither_the_MSBuild_binary_log_nor_the_console()
    {
        Requirements.Docker();
        await using var proxy = new TestModuleProxy();
        await using var https = new TlsTerminator(proxy.Port);
        var dependency = proxy.AddUniqueGreeting();
        using var project = new TestGoProject(packages);
        var password = "pw-" + Guid.NewGuid().ToString("N");
        using var secrets = new TestFolder("godocker-secret-");
        var netrc = secrets.Write("netrc", $"machine 127.0.0.1 login ci password {password}\n");
        var ca = secrets.Write("corp-root.crt", https.CaPem);
        project.WithProject(TestGoProject.LocalDockerSettings(https.Url),
                $"<GoBuildSecret Include=\"netrc\" File=\"{netrc}\" />\n    <GoCaCertificate Include=\"{ca}\" />")
            .WithMainModule(dependency);
        await project.WriteGoSumAsync(proxy);
        proxy.RequiredCredentials = ("ci", password);
        var binlog = project.Path("build.binlog");

        var build = await project.BuildAsync("-bl:" + binlog);

        // The download target passes the secret to BuildKit, so the build succeeds, and its text reaches no log.
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains(proxy.Requests, r => r.EndsWith(".zip", StringComparison.Ordinal));
        await BinaryLog.AssertHoldsNoneAsync(binlog, password);

        // The tool's verify authenticates with the same netrc, and its JSON report must not carry the secret either.
        await project.InstallToolAsync();
        var verify = await project.DotnetAsync("tool", "run", "godocker", "verify", "--format", "json");
        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.Contains("\"hasErrors\": false", verify.Output);
        Assert.DoesNotContain(password, verify.Output);
    }

    [Fact]
    public async Task An_unknown_CA_seen_by_go_in_the_download_stage_is_GD4001_through_dotnet_build()
    {
        Requirements.Docker();
        await using var proxy = new TestModuleProxy();
        await using var https = new TlsTerminator(proxy.Port);
        var dependency = proxy.AddUniqueGreeting();
        using var project = await TestGoProject.CreateAsync(packages, TestGoProject.LocalDockerSettings(https.Url, ("GoVerify", "false")), dependency, proxy);

        var build = await project.BuildAsync();

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("x509: certificate signed by unknown authority", build.Output);
        var error = build.SingleError(e => e.Code == "GD4001");
        Assert.Equal(project.ProjectPath, error.File);
        Assert.Equal(3, error.Line);
        Assert.Contains("GoCaCertificate", error.Message);
    }

    [Fact]
    public async Task Two_platforms_download_once_and_an_arm64_image_is_cross_compiled_without_emulation()
    {
        Requirements.Docker();
        await using var proxy = new TestModuleProxy();
        var dependency = proxy.AddUniqueGreeting();
        using var project = await TestGoProject.CreateAsync(packages,
            TestGoProject.LocalDockerSettings(proxy.Url, ("GoPlatforms", "linux/amd64,linux/arm64")), dependency, proxy);

        // The download stage runs once, on this machine's platform: the Docker CLI without buildx refuses a list.
        var build = await project.BuildAsync();
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains(proxy.Requests, r => r.EndsWith(".zip", StringComparison.Ordinal));

        // An arm64 image: go cross-compiles on the build platform and the final stage only copies the binary.
        var properties = Settings(proxy.Url);
        properties["GoPlatforms"] = "linux/arm64";
        properties["GoRuntimeImage"] = Requirements.RuntimeImageArm64;
        var (settings, dockerfile) = await GenerateAsync(project, properties);
        var tag = TestDocker.UniqueTag("arm64");
        try
        {
            var image = await TestDocker.BuildAsync(DockerBuildCommand.For(settings, dockerfile).WithTag(tag), project.Directory);
            Assert.True(image.ExitCode == 0, image.ToString());
            var platform = await TestDocker.RunAsync(["image", "inspect", "--format", "{{.Os}}/{{.Architecture}}", tag], project.Directory);
            Assert.Equal("linux/arm64\n", platform.Output);
            var binary = await TestDocker.ReadFileAsync(tag, DockerfileWriter.ImageBinary, project.Directory);
            Assert.NotNull(binary);
            Assert.Equal("\u007fELF"u8.ToArray(), binary[..4]);
            Assert.Equal(0xB7, BitConverter.ToUInt16(binary, 18)); // e_machine EM_AARCH64
        }
        finally
        {
            await TestDocker.RemoveImagesAsync(project.Directory, tag);
        }
    }

    private static Dictionary<string, string> Settings(string goProxy) =>
        TestGoProject.LocalDockerSettings(goProxy).ToDictionary(p => p.Item1, p => p.Item2, StringComparer.OrdinalIgnoreCase);

    /// <summary>Reads the settings, generates and stages as the SDK does; the .dockerignore goes to the context root.</summary>
    private static async Task<(GoProjectSettings Settings, string DockerfilePath)> GenerateAsync(
        TestGoProject project, Dictionary<string, string> properties, IReadOnlyList<string>? certificates = null, IReadOnlyList<GoBuildSecret>? secrets = null)
    {
        var (settings, diagnostics) = GoProjectSettingsReader.Read(project.ProjectPath, properties, certificates ?? [], secrets ?? []);
        Assert.DoesNotContain(diagnostics, d => d.IsError);
        var generated = await DockerfileGeneration.GenerateAsync(settings, TestContext.Current.CancellationToken);
        Assert.True(generated.Dockerfile is not null, string.Join("\n", generated.Diagnostics));
        var dockerfile = project.Path("obj", "godocker", "Dockerfile");
        Directory.CreateDirectory(Path.GetDirectoryName(dockerfile)!);
        File.WriteAllText(dockerfile, generated.Dockerfile);
        // Beside the Dockerfile, as `godocker dockerfile` writes it: BuildKit prefers <Dockerfile>.dockerignore.
        File.WriteAllText(dockerfile + ".dockerignore", generated.Dockerignore);
        return (settings, dockerfile);
    }
}
