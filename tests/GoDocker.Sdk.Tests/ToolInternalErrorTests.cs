using GoDocker.Sdk.Tests.Infrastructure;

namespace GoDocker.Sdk.Tests;

/// <summary>
/// Issue requirement: "every failure, including a command's own exceptions, becomes a diagnostic, never a stack
/// trace". The tool has no switch to inject a fault, so this uses a file no command expects: /proc/self/mem exists
/// but every read of it fails with EIO, an IOException nothing in `godocker hash` handles.
/// </summary>
public sealed class ToolInternalErrorTests(SdkPackages packages)
{
    [Fact]
    public async Task An_unexpected_exception_in_a_command_is_GD9001_with_exit_code_1_and_no_stack_trace()
    {
        Requirements.Go();
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("needs Linux's /proc/self/mem, a file whose reads always fail");
        }

        using var project = new TestGoProject(packages);
        await project.InstallToolAsync();

        var run = await project.DotnetAsync("tool", "run", "godocker", "hash", "/proc/self/mem");

        // 1, not 2: the documented contract (docs/cli.md) keeps 2 for bad usage; an internal error is a reported error.
        Assert.True(run.ExitCode == 1, run.ToString());
        var error = Assert.Single(run.Errors);
        Assert.Equal("GD9001", error.Code);
        Assert.StartsWith("GoDocker failed unexpectedly: IOException: ", error.Message);
        Assert.Contains("/proc/self/mem", error.Message);
        Assert.DoesNotContain("   at ", run.Output);
        Assert.DoesNotContain("Unhandled exception", run.Output);
    }
}
