using GoDocker.Sdk.Tests.Infrastructure;

namespace GoDocker.Sdk.Tests;

/// <summary>Real `dotnet build` of a .goproj against the packed SDK, real Docker and a local module proxy.</summary>
public sealed class BuildEndToEndTests(SdkPackages packages)
{
    [Fact]
    public async Task Build_writes_the_dockerfile_downloads_in_docker_and_a_second_build_runs_no_docker()
    {
        Requirements.Docker();
        await using var proxy = new TestModuleProxy();
        var dependency = proxy.AddUniqueGreeting();
        using var project = await TestGoProject.CreateAsync(packages, TestGoProject.LocalDockerSettings(proxy.Url), dependency, proxy);

        var first = await project.BuildAsync();

        Assert.True(first.ExitCode == 0, first.ToString());
        var dockerfile = File.ReadAllText(project.DockerfilePath);
        Assert.Contains(" AS deps\n", dockerfile);
        Assert.Matches(@"RUN --mount=type=cache,id=[\w-]+,target=/go/pkg/mod", dockerfile);
        Assert.Contains("go mod download", dockerfile);
        Assert.Contains($"/{dependency.Path}/@v/v1.0.0.zip", proxy.Requests);
        Assert.Contains("[deps", first.Output);

        proxy.ClearRequests();
        var second = await project.BuildAsync();

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("Skipping target \"GoDockerGenerate\"", second.Output);
        Assert.Contains("Skipping target \"GoDockerDownload\"", second.Output);
        Assert.DoesNotContain("[deps", second.Output);
        Assert.Empty(proxy.Requests);

        // A changed setting regenerates the Dockerfile, and so runs the download stage again.
        project.WithProject(TestGoProject.LocalDockerSettings(proxy.Url, ("GoFlags", "-mod=mod")));
        var third = await project.BuildAsync();
        Assert.True(third.ExitCode == 0, third.ToString());
        Assert.Contains("-mod=mod", File.ReadAllText(project.DockerfilePath));
        Assert.Contains("[deps", third.Output);
    }

    [Fact]
    public async Task A_version_the_proxy_lacks_fails_at_its_require_line()
    {
        Requirements.Docker();
        await using var proxy = new TestModuleProxy();
        var dependency = proxy.AddUniqueGreeting();
        using var project = new TestGoProject(packages)
            .WithProject(TestGoProject.LocalDockerSettings(proxy.Url))
            .WithMainModule(dependency, requiredVersion: "v1.9.9");

        var build = await project.BuildAsync();

        Assert.NotEqual(0, build.ExitCode);
        var error = build.SingleError(e => e.Code.StartsWith("GD6", StringComparison.Ordinal));
        Assert.Equal(project.GoModPath, error.File);
        Assert.True(error.Line == 5, build.ToString());
        Assert.Contains(dependency.Path, error.Message);
        Assert.Contains("v1.9.9", error.Message);
        Assert.False(File.Exists(project.Path("obj", "Debug", "godocker", "download.stamp")), "a failed download must not be stamped as done");
    }

    [Fact]
    public async Task A_proxy_on_a_closed_port_is_named_within_seconds()
    {
        Requirements.Go();
        var closed = $"http://127.0.0.1:{TestModuleProxy.FreePort()}";
        var dependency = TestGoModule.UniqueGreeting();
        using var project = new TestGoProject(packages)
            .WithProject(TestGoProject.LocalDockerSettings(closed))
            .WithMainModule(dependency);

        var build = await project.BuildAsync();

        Assert.NotEqual(0, build.ExitCode);
        // The refused connection names the proxy; GD3011 may follow with the verdict.
        var error = build.SingleError(e => e.Code == "GD3002");
        Assert.Contains(closed, error.Message);
        Assert.All(build.Errors, e => Assert.StartsWith("GD3", e.Code));
        Assert.Equal(project.ProjectPath, error.File);
        Assert.True(error.Line > 0, "the error points at the GoProxy line");
        Assert.True(build.Run.Duration < TimeSpan.FromSeconds(60), $"took {build.Run.Duration}");
        Assert.DoesNotContain("[deps", build.Output);
    }

    [Fact]
    public async Task Clean_removes_the_generated_files_and_rebuild_runs_the_download_again()
    {
        Requirements.Docker();
        await using var proxy = new TestModuleProxy();
        var dependency = proxy.AddUniqueGreeting();
        using var project = await TestGoProject.CreateAsync(packages, TestGoProject.LocalDockerSettings(proxy.Url), dependency, proxy);
        Assert.Equal(0, (await project.BuildAsync()).ExitCode);

        var clean = await project.DotnetAsync("clean", project.ProjectPath, "-nodeReuse:false");
        Assert.True(clean.ExitCode == 0, clean.ToString());
        Assert.False(File.Exists(project.DockerfilePath));

        var rebuild = await project.BuildAsync("-t:Rebuild");
        Assert.True(rebuild.ExitCode == 0, rebuild.ToString());
        Assert.Contains("[deps", rebuild.Output);
        // No C# compilation, no assembly, no deps file.
        var outputs = Directory.Exists(project.Path("bin")) ? Directory.GetFiles(project.Path("bin"), "*", SearchOption.AllDirectories) : [];
        Assert.True(outputs.Length == 0, "bin/ holds " + string.Join(", ", outputs));
        Assert.Empty(Directory.GetFiles(project.Path("obj"), "*.dll", SearchOption.AllDirectories));
        Assert.DoesNotContain("CoreCompile", rebuild.Output.Replace("Skipping target \"CoreCompile\"", ""));
    }
}
