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
        Assert.DoesNotContain("Downloading modules in Docker", build.Output);
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
        Assert.DoesNotContain("Downloading modules in Docker", build.Output);
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

    [Fact]
    public async Task With_the_CA_and_the_login_configured_verify_passes_and_the_build_pulls_the_base_image()
    {
        Requirements.Docker();
        // docker build's BuildKit (Docker 20.10) pulls from a loopback IP or localhost over plain HTTP only, so the
        // registry is named by a host name of this machine's loopback, as a real registry is named by its host.
        var hostName = LoopbackHostName();
        using var registry = TestRegistry.StartSecure(hostName);
        var image = $"{registry.Address}/e2e/golang:{Guid.NewGuid():N}";
        var login = registry.DockerConfig(TestRegistry.UserName, TestRegistry.Password);
        await PushAsync(Requirements.BaseImage, image, login);
        // The engine trusts the registry's CA as the machine's roots (dockerd's pulls read SSL_CERT_FILE).
        var roots = Path.Combine(registry.Folder, "roots.pem");
        File.WriteAllText(roots, File.ReadAllText("/etc/ssl/certs/ca-certificates.crt") + "\n" + File.ReadAllText(registry.CaFile));
        await using var proxy = new TestModuleProxy();
        using var project = await ProjectAsync(proxy, registry, trustCa: true, image);
        await using var engine = await FreshDockerEngine.StartAsync(new Dictionary<string, string> { ["SSL_CERT_FILE"] = roots });

        var build = await project.DotnetAsync(new Dictionary<string, string?>(engine.Environment) { ["DOCKER_CONFIG"] = login },
            "build", project.ProjectPath, "-nodeReuse:false", "-v:n");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains($"GoBaseImage '{image}': probed https://{registry.Address}/v2/ with the login of {TestRegistry.UserName}", build.Output);
        Assert.Contains($"load metadata for {image}", build.Output);
        Assert.Contains("Module download stage finished", build.Output);
        Assert.DoesNotContain(TestRegistry.Password, build.Output);
    }

    /// <summary>
    /// A name /etc/hosts maps to a 127.x address (not localhost), as dockerd and the registry resolve it; one other than
    /// the machine's own name first, since .NET answers that one with every interface address.
    /// </summary>
    private static string LoopbackHostName()
    {
        var names = File.ReadAllLines("/etc/hosts")
            .Select(l => l.Split('#')[0].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length > 1 && System.Net.IPAddress.TryParse(f[0], out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && System.Net.IPAddress.IsLoopback(ip))
            .SelectMany(f => f.Skip(1))
            .Where(n => !n.Equals("localhost", StringComparison.OrdinalIgnoreCase) && !n.StartsWith("localhost.", StringComparison.OrdinalIgnoreCase))
            .OrderBy(n => n.Equals(System.Net.Dns.GetHostName(), StringComparison.OrdinalIgnoreCase))
            .ToList();
        if (names.Count > 0)
        {
            return names[0];
        }
        const string Why = "/etc/hosts maps no name but localhost to a 127.x address";
        if (System.Environment.GetEnvironmentVariable("GODOCKER_REQUIRE_DOCKER") == "1")
        {
            Assert.Fail($"GODOCKER_REQUIRE_DOCKER=1 but {Why}; add one (127.0.1.1 with the host name, as Debian's installer writes)");
        }
        Assert.Skip(Why);
        return "";
    }

    /// <summary>Tags <paramref name="source"/> as <paramref name="target"/> in the test engine, pushes it with the login, and untags it.</summary>
    private static async Task PushAsync(string source, string target, string dockerConfig)
    {
        var environment = new Dictionary<string, string?> { ["DOCKER_CONFIG"] = dockerConfig };
        try
        {
            foreach (var args in new[] { new[] { "tag", source, target }, ["push", target] })
            {
                var run = await CommandRun.ExecuteAsync(TestDocker.Cli, args, Path.GetTempPath(), environment, TimeSpan.FromMinutes(3), TestContext.Current.CancellationToken);
                Assert.True(run.ExitCode == 0, run.ToString());
            }
        }
        finally
        {
            await CommandRun.ExecuteAsync(TestDocker.Cli, ["rmi", target], Path.GetTempPath(), environment, TimeSpan.FromMinutes(1), CancellationToken.None);
        }
    }

    private async Task<TestGoProject> ProjectAsync(TestModuleProxy proxy, TestRegistry registry, bool trustCa, string? image = null)
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
                ("GoBaseImage", image ?? $"{registry.Address}/e2e/golang:{Guid.NewGuid():N}"),
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
