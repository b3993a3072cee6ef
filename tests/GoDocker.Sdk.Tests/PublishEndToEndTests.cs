using System.Text.RegularExpressions;
using GoDocker.Core.Tests.Images;
using GoDocker.Sdk.Tests.Infrastructure;

namespace GoDocker.Sdk.Tests;

/// <summary>
/// Real `dotnet publish` of a .goproj against the packed SDK, real Docker and the real distribution registry with TLS
/// (a CA made by the test) and htpasswd basic auth; credentials only in the Docker config the test writes.
/// </summary>
public sealed partial class PublishEndToEndTests(SdkPackages packages)
{
    private const string Epoch = "1700000000";

    [Fact]
    public async Task Publish_pushes_a_reproducible_image_that_pulls_back_by_digest_and_runs()
    {
        Requirements.Docker();
        using var registry = TestRegistry.StartSecure();
        await using var proxy = new TestModuleProxy();
        var dependency = proxy.AddUniqueGreeting();
        using var project = await CreateProjectAsync(proxy, dependency, registry);
        var dockerConfig = registry.DockerConfig(TestRegistry.UserName, TestRegistry.Password);

        var first = await PublishAsync(project, dockerConfig);

        Assert.True(first.ExitCode == 0, first.ToString());
        var digest = Digest(first);
        var reference = $"{registry.Address}/e2e/hello@{digest}";
        Assert.Contains($"{registry.Address}/e2e/hello:1.0.0", first.Output);
        try
        {
            var pull = await TestDocker.RunAsync(["--config", dockerConfig, "pull", reference], project.Directory);
            Assert.True(pull.ExitCode == 0, pull.ToString());
            var run = await TestDocker.RunAsync(["run", "--rm", "--network", "none", reference], project.Directory);
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains("hello, docker", run.Output);
            var labels = await TestDocker.RunAsync(["image", "inspect", "--format", "{{json .Config.Labels}} {{.Config.User}} {{.Created}}", reference], project.Directory);
            Assert.Contains("\"org.opencontainers.image.created\":\"2023-11-14T22:13:20Z\"", labels.Output);
            Assert.Contains("\"org.opencontainers.image.version\":\"1.0.0\"", labels.Output);
            Assert.Contains("\"org.example.team\":\"payments\"", labels.Output);
            Assert.Contains("65532:65532", labels.Output);

            // Again from a clean obj folder: the same sources and SOURCE_DATE_EPOCH give the same digest.
            Directory.Delete(project.Path("obj"), recursive: true);
            var second = await PublishAsync(project, dockerConfig, "-p:GoImageTags=again");
            Assert.True(second.ExitCode == 0, second.ToString());
            Assert.Equal(digest, Digest(second));
        }
        finally
        {
            await TestDocker.RemoveImagesAsync(project.Directory, reference);
        }
    }

    [Fact]
    public async Task Wrong_credentials_and_an_untrusted_ca_each_get_their_own_diagnostic_at_GoImageRegistry()
    {
        Requirements.Docker();
        using var registry = TestRegistry.StartSecure();
        await using var proxy = new TestModuleProxy();
        var dependency = proxy.AddUniqueGreeting();
        using var project = await CreateProjectAsync(proxy, dependency, registry);
        var registryLine = Array.FindIndex(File.ReadAllLines(project.ProjectPath), l => l.Contains("<GoImageRegistry>")) + 1;

        var wrong = await PublishAsync(project, registry.DockerConfig(TestRegistry.UserName, "not-the-password"));

        Assert.NotEqual(0, wrong.ExitCode);
        var refused = wrong.SingleError();
        Assert.Equal("GD7018", refused.Code);
        Assert.Equal(project.ProjectPath, refused.File);
        Assert.Equal(registryLine, refused.Line);
        Assert.Contains($"docker login {registry.Address}", refused.Message);
        Assert.DoesNotContain("not-the-password", wrong.Output);

        var untrusted = await PublishAsync(project, registry.DockerConfig(TestRegistry.UserName, TestRegistry.Password), "-p:TrustRegistryCa=false");

        Assert.NotEqual(0, untrusted.ExitCode);
        var certificate = untrusted.SingleError();
        Assert.Equal("GD4050", certificate.Code);
        Assert.Equal(registryLine, certificate.Line);
        Assert.Contains(registry.Address, certificate.Message);
        Assert.Contains("GoCaCertificate", certificate.Message);
    }

    [Fact]
    public async Task Without_a_registry_publish_loads_the_image_and_PublishGoImage_writes_the_same_image_as_an_archive()
    {
        Requirements.Docker();
        await using var proxy = new TestModuleProxy();
        var dependency = proxy.AddUniqueGreeting();
        var repository = "godocker-e2e/publish-" + Guid.NewGuid().ToString("N")[..8];
        using var project = await TestGoProject.CreateAsync(packages, TestGoProject.LocalDockerSettings(proxy.Url,
            ("Version", "2.1.0"), ("GoImageRepository", repository), ("GoRuntimeImage", "scratch")), dependency, proxy);
        var environment = new Dictionary<string, string?> { ["SOURCE_DATE_EPOCH"] = Epoch };
        try
        {
            var publish = await project.DotnetAsync(environment, "publish", project.ProjectPath, "-nodeReuse:false", "-v:n");

            Assert.True(publish.ExitCode == 0, publish.ToString());
            Assert.Contains($"loaded into the Docker engine as {repository}:2.1.0, {repository}:latest", publish.Output);
            var run = await TestDocker.RunAsync(["run", "--rm", "--network", "none", $"{repository}:2.1.0"], project.Directory);
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains("hello, docker", run.Output);
            var loadedId = (await TestDocker.RunAsync(["image", "inspect", "--format", "{{.Id}}", $"{repository}:latest"], project.Directory)).Output.Trim();

            var archive = project.Path("image.tar");
            var target = await project.DotnetAsync(environment, "build", project.ProjectPath, "-t:PublishGoImage", "-nodeReuse:false", "-v:n",
                "-p:GoImageArchiveOutputPath=image.tar", "-p:GoImageTags=archived");

            Assert.True(target.ExitCode == 0, target.ToString());
            Assert.True(File.Exists(archive), target.ToString());
            var load = await TestDocker.RunAsync(["load", "--input", archive], project.Directory);
            Assert.True(load.ExitCode == 0, load.ToString());
            var archivedId = (await TestDocker.RunAsync(["image", "inspect", "--format", "{{.Id}}", $"{repository}:archived"], project.Directory)).Output.Trim();
            Assert.Equal(loadedId, archivedId);
        }
        finally
        {
            await TestDocker.RemoveImagesAsync(project.Directory, $"{repository}:2.1.0", $"{repository}:latest", $"{repository}:archived");
        }
    }

    [Fact]
    public async Task The_tool_publishes_the_same_archive_as_dotnet_publish()
    {
        Requirements.Docker();
        await using var proxy = new TestModuleProxy();
        var dependency = proxy.AddUniqueGreeting();
        using var project = await TestGoProject.CreateAsync(packages, TestGoProject.LocalDockerSettings(proxy.Url,
            ("Version", "3.0.0"), ("GoImageRepository", "e2e/tool"), ("GoRuntimeImage", "scratch"), ("GoImageArchiveOutputPath", "image.tar")), dependency, proxy);
        var environment = new Dictionary<string, string?> { ["SOURCE_DATE_EPOCH"] = Epoch };
        await project.InstallToolAsync();

        var tool = await project.DotnetAsync(environment, "tool", "run", "godocker", "publish");

        Assert.True(tool.ExitCode == 0, tool.ToString());
        var toolArchive = File.ReadAllBytes(project.Path("image.tar"));
        var toolDigest = tool.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last(l => l.StartsWith("sha256:", StringComparison.Ordinal));
        File.Delete(project.Path("image.tar"));

        var msbuild = await project.DotnetAsync(environment, "publish", project.ProjectPath, "-nodeReuse:false", "-v:n");

        Assert.True(msbuild.ExitCode == 0, msbuild.ToString());
        Assert.Contains($"written to {project.Path("image.tar")} as e2e/tool:3.0.0, e2e/tool:latest; digest {toolDigest}", msbuild.Output);
        Assert.Equal(toolArchive, File.ReadAllBytes(project.Path("image.tar")));
    }

    private async Task<TestGoProject> CreateProjectAsync(TestModuleProxy proxy, TestGoModule dependency, TestRegistry registry)
    {
        var project = await TestGoProject.CreateAsync(packages, TestGoProject.LocalDockerSettings(proxy.Url), dependency, proxy);
        File.Copy(registry.CaFile, project.Path("registry-ca.crt"));
        project.WithProject(TestGoProject.LocalDockerSettings(proxy.Url,
                ("Version", "1.0.0"), ("GoImageRepository", "e2e/hello"), ("GoImageRegistry", registry.Address)),
            """
            <GoCaCertificate Include="registry-ca.crt" Condition="'$(TrustRegistryCa)' != 'false'" />
                <GoImageLabel Include="org.example.team" Value="payments" />
            """);
        return project;
    }

    private static Task<BuildRun> PublishAsync(TestGoProject project, string dockerConfig, params string[] extra) =>
        project.DotnetAsync(new Dictionary<string, string?> { ["DOCKER_CONFIG"] = dockerConfig, ["SOURCE_DATE_EPOCH"] = Epoch },
            ["publish", project.ProjectPath, "-nodeReuse:false", "-v:n", .. extra]);

    private static string Digest(BuildRun run)
    {
        var match = DigestLine().Match(run.Output);
        Assert.True(match.Success, "no digest printed: " + run);
        return match.Groups[1].Value;
    }

    [GeneratedRegex(@"GoDocker: image pushed .*; digest (sha256:[0-9a-f]{64})")]
    private static partial Regex DigestLine();
}
