using GoDocker.Sdk.Tests.Infrastructure;

namespace GoDocker.Sdk.Tests;

/// <summary>
/// Issue requirement: "the tool installs the way docs/cli.md says": its three commands, verbatim, in an empty folder on
/// a machine with only the .NET 10 SDK. The package folder and the .NET CLI home (which holds the SDK's local-tool
/// resolver cache) are fresh, as on a new machine; a cache row left by another package folder would otherwise answer
/// `Run "dotnet tool restore"` for the same version (dotnet/sdk#11432), whatever the package holds.
/// </summary>
public sealed class ToolInstallTests(SdkPackages packages) : IClassFixture<ReleaseToolPackage>
{
    [Fact]
    public async Task The_documented_install_commands_run_the_tool_in_an_empty_folder()
    {
        using var project = new TestGoProject(packages);
        using var machine = new TestFolder("godocker-install-");
        var cliHome = Directory.CreateDirectory(machine.Path("dotnet-home")).FullName;
        var environment = new Dictionary<string, string?>
        {
            ["NUGET_PACKAGES"] = machine.Path("nuget-packages"),
            ["DOTNET_CLI_HOME"] = cliHome,
            ["DOTNET_GENERATE_ASPNET_CERTIFICATE"] = "false",
        };

        var manifest = await project.DotnetAsync(environment, "new", "tool-manifest");
        Assert.True(manifest.ExitCode == 0, manifest.ToString());
        var install = await project.DotnetAsync(environment, "tool", "install", "GoDocker.Tool");
        Assert.True(install.ExitCode == 0, install.ToString());
        var verify = await project.DotnetAsync(environment, "tool", "run", "godocker", "verify");

        // The entry as `dotnet tool install` writes it: the release, no roll-forward, so the package must fit .NET 10.
        var entry = File.ReadAllText(Directory.EnumerateFiles(project.Directory, "dotnet-tools.json", SearchOption.AllDirectories).Single());
        Assert.Contains($"\"version\": \"{ReleaseToolPackage.Version}\"", entry);
        Assert.Contains("\"rollForward\": false", entry);
        // The tool ran: verify's own finding for a folder without go.mod, not the SDK's "run dotnet tool restore".
        Assert.DoesNotContain("dotnet tool restore", verify.Output);
        Assert.True(verify.ExitCode == 1, verify.ToString());
        Assert.Equal("GD1006", Assert.Single(verify.Errors).Code);
        // And it ran the build for this runtime, not a net8.0 build rolled forward.
        var resolved = File.ReadAllText(Path.Combine(cliHome, ".dotnet", "toolResolverCache", "1", "godocker.tool"));
        Assert.Contains($"/godocker.tool/{ReleaseToolPackage.Version}/tools/net10.0/any/godocker.dll", resolved);
    }
}
