using GoDocker.Sdk.Tests.Infrastructure;

namespace GoDocker.Sdk.Tests;

/// <summary>GoDockerStartProxy: the SDK runs the module proxy gateway from its package for verify and download.</summary>
public sealed class BuildGatewayEndToEndTests(SdkPackages packages)
{
    [Fact]
    public async Task The_build_gateway_fetches_misses_from_its_upstream_and_caches_them()
    {
        Requirements.Docker();
        await using var upstream = new TestModuleProxy();
        var dependency = upstream.AddUniqueGreeting();
        var gateway = $"http://127.0.0.1:{TestModuleProxy.FreePort()}";
        using var project = new TestGoProject(packages);
        project.WithProject(TestGoProject.LocalDockerSettings(gateway,
                ("GoDockerStartProxy", "true"),
                ("GoDockerProxyCache", project.Path("gateway-cache")),
                ("GoDockerProxyUpstream", upstream.Url)))
            .WithMainModule(dependency);
        await project.WriteGoSumAsync(upstream);

        var build = await project.BuildAsync("-v:d");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("Module proxy gateway for this build serves", build.Output);
        if (OperatingSystem.IsLinux() && System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.X64)
        {
            // The package's gateway compiled ahead of time for this platform, not the assembly on dotnet.
            Assert.Contains("/tools/gateway/linux-x64/GoDocker.ProxyGateway (compiled ahead of time for linux-x64)", build.Output);
        }
        Assert.Contains($"/{dependency.Path}/@v/v1.0.0.zip", upstream.Requests);
        // Handed the project's go.sum, it fetched what that names while the image build started.
        Assert.Contains($"fetches the module files {project.GoSumPath} names", build.Output);
        Assert.NotEmpty(Directory.GetFiles(project.Path("gateway-cache", "blobs"), "*", SearchOption.AllDirectories));
        // The gateway lives only as long as the build step: nothing listens afterwards.
        using var client = new HttpClient();
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(gateway + "/healthz", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task An_offline_build_gateway_without_the_module_fails_at_its_require_line()
    {
        Requirements.Docker();
        var dependency = TestGoModule.UniqueGreeting();
        var gateway = $"http://127.0.0.1:{TestModuleProxy.FreePort()}";
        using var project = new TestGoProject(packages);
        project.WithProject(TestGoProject.LocalDockerSettings(gateway,
                ("GoDockerStartProxy", "true"),
                ("GoDockerProxyCache", project.Path("empty-cache")),
                ("GoVerify", "false")))
            .WithMainModule(dependency);

        var build = await project.BuildAsync();

        Assert.NotEqual(0, build.ExitCode);
        var error = build.SingleError(e => e.Code == "GD6001");
        Assert.Equal(project.GoModPath, error.File);
        Assert.Equal(5, error.Line);
    }

    [Fact]
    public async Task Starting_a_gateway_for_a_remote_GoProxy_is_refused_at_the_GoProxy_line()
    {
        Requirements.Go();
        var dependency = TestGoModule.UniqueGreeting();
        using var project = new TestGoProject(packages)
            .WithProject(TestGoProject.LocalDockerSettings("https://proxy.godocker.invalid", ("GoDockerStartProxy", "true")))
            .WithMainModule(dependency);

        var build = await project.BuildAsync();

        Assert.NotEqual(0, build.ExitCode);
        var error = build.SingleError(e => e.Code == "GD1013");
        Assert.Equal(project.ProjectPath, error.File);
        Assert.Equal(3, error.Line);
    }
}
