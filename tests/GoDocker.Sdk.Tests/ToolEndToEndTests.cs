using GoDocker.Sdk.Tests.Infrastructure;

namespace GoDocker.Sdk.Tests;

/// <summary>The packed tool, run as a local .NET tool the way teams run it in CI.</summary>
public sealed class ToolEndToEndTests(SdkPackages packages)
{
    [Fact]
    public async Task Verify_prints_a_result_per_proxy_and_exits_non_zero_when_one_fails()
    {
        Requirements.Go();
        await using var proxy = new TestModuleProxy();
        var dependency = TestGoModule.UniqueGreeting();
        proxy.Add(dependency);
        var closed = $"http://127.0.0.1:{TestModuleProxy.FreePort()}";
        using var project = new TestGoProject(packages)
            .WithProject(TestGoProject.LocalDockerSettings($"{proxy.Url}|{closed}"))
            .WithMainModule(dependency);
        Assert.Equal(0, (await project.DotnetAsync("new", "tool-manifest")).ExitCode);
        var install = await project.DotnetAsync("tool", "install", "GoDocker.Tool", "--version", packages.Version);
        Assert.True(install.ExitCode == 0, install.ToString());

        var verify = await project.DotnetAsync("tool", "run", "godocker", "verify");

        Assert.Equal(1, verify.ExitCode);
        Assert.Contains(proxy.Url, verify.Output);
        Assert.Contains(closed, verify.Output);
        Assert.Contains(verify.Diagnostics, d => d.Code.StartsWith("GD3", StringComparison.Ordinal) && d.Message.Contains(closed, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_usage_exits_with_2()
    {
        Requirements.Go();
        using var project = new TestGoProject(packages);
        Assert.Equal(0, (await project.DotnetAsync("new", "tool-manifest")).ExitCode);
        Assert.Equal(0, (await project.DotnetAsync("tool", "install", "GoDocker.Tool", "--version", packages.Version)).ExitCode);

        var run = await project.DotnetAsync("tool", "run", "godocker", "verify", "--no-such-option");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--no-such-option", run.Output);
    }
}
