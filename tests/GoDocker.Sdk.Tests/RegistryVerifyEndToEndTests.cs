using GoDocker.Core.Tests.Images;
using GoDocker.Sdk.Tests.Infrastructure;

namespace GoDocker.Sdk.Tests;

/// <summary>
/// `dotnet build`'s verify probes the registry of a base image the engine does not hold, with a real docker-registry
/// (TLS from its own CA, htpasswd basic auth) on 127.0.0.1: a failure is at the GoBaseImage line before Docker runs.
/// </summary>
public sealed class RegistryVerifyEndToEndTests(SdkPackages packages)
{
    [Fact]
    public async Task A_base_image_in_a_TLS_registry_with_an_unknown_CA_is_a_GD4_error_at_GoBaseImage_before_Docker_runs()
    {
        Requirements.Docker();
        using var registry = TestRegistry.StartSecure();
        await using var proxy = new TestModuleProxy();
        using var project = await ProjectAsync(proxy, registry, trustCa: false);

        var build = await project.DotnetAsync(new Dictionary<string, string?> { ["DOCKER_CONFIG"] = registry.DockerConfig(TestRegistry.UserName, TestRegistry.Password) },
            "build", project.ProjectPath, "-nodeReuse:false", "-v:n");

        Assert.NotEqual(0, build.ExitCode);
        var error = build.SingleError();
        Assert.Equal("GD4050", error.Code);
        Assert.Contains($"/etc/docker/certs.d/{registry.Address}/ca.crt", error.Message);
        Assert.Equal(project.ProjectPath, error.File);
        Assert.Equal(BaseImageLine(project), error.Line);
        // Verify stopped the build: the deps stage never started.
        Assert.DoesNotContain("--target deps", build.Output);
        Assert.DoesNotContain(TestRegistry.Password, build.Output);
    }

    [Fact]
    public async Task A_registry_asking_for_basic_auth_with_no_docker_login_is_GD3091_naming_docker_login()
    {
        Requirements.Docker();
        using var registry = TestRegistry.StartSecure();
        await using var proxy = new TestModuleProxy();
        using var project = await ProjectAsync(proxy, registry, trustCa: true);
        var noLogin = System.IO.Directory.CreateDirectory(project.Path("docker-config")).FullName;

        var build = await project.DotnetAsync(new Dictionary<string, string?> { ["DOCKER_CONFIG"] = noLogin },
            "build", project.ProjectPath, "-nodeReuse:false", "-v:n");

        Assert.NotEqual(0, build.ExitCode);
        var error = build.SingleError();
        Assert.Equal("GD3091", error.Code);
        Assert.Contains($"docker login {registry.Address}", error.Message);
        Assert.Equal(BaseImageLine(project), error.Line);
        Assert.DoesNotContain("--target deps", build.Output);
    }

    [Fact]
    public async Task A_base_image_its_reachable_registry_does_not_have_is_GD5003_at_GoBaseImage()
    {
        Requirements.Docker();
        using var registry = TestRegistry.StartPlain();
        await using var proxy = new TestModuleProxy();
        using var project = await ProjectAsync(proxy, registry, trustCa: false);

        var build = await project.BuildAsync();

        // The registry answers (verify passes); the pull in docker build finds no such image.
        Assert.NotEqual(0, build.ExitCode);
        var error = build.SingleError();
        Assert.Equal("GD5003", error.Code);
        Assert.Equal(project.ProjectPath, error.File);
        Assert.Equal(BaseImageLine(project), error.Line);
    }

    private async Task<TestGoProject> ProjectAsync(TestModuleProxy proxy, TestRegistry registry, bool trustCa)
    {
        var dependency = proxy.AddUniqueGreeting();
        var project = new TestGoProject(packages);
        if (trustCa)
        {
            File.Copy(registry.CaFile, project.Path("registry-ca.crt"));
        }
        project.WithProject(
            [
                ("GoProxy", proxy.Url),
                ("GoSumDb", "off"),
                ("GoBaseImage", $"{registry.Address}/e2e/golang:{Guid.NewGuid():N}"),
                ("GoRuntimeImage", Requirements.RuntimeImage),
                ("GoDockerNetwork", "host"),
                ("GoVerifyTimeout", "3"),
            ],
            trustCa ? """<GoCaCertificate Include="registry-ca.crt" />""" : "").WithMainModule(dependency);
        await project.WriteGoSumAsync(proxy);
        return project;
    }

    private static int BaseImageLine(TestGoProject project) =>
        Array.FindIndex(File.ReadAllLines(project.ProjectPath), l => l.Contains("<GoBaseImage>", StringComparison.Ordinal)) + 1;
}
