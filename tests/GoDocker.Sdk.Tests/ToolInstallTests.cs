using System.Security;
using GoDocker.Sdk.Tests.Infrastructure;

namespace GoDocker.Sdk.Tests;

/// <summary>
/// Issue requirement: "the tool installs the way docs/cli.md says": its three commands, verbatim, in an empty folder on
/// a machine with only the .NET 10 SDK. The package folder and the .NET CLI home (which holds the SDK's local-tool
/// resolver cache) are fresh, as on a new machine; a cache row left by another package folder would otherwise answer
/// `Run "dotnet tool restore"` for the same version (dotnet/sdk#11432), whatever the package holds.
/// </summary>
public sealed class ToolInstallTests(ReleaseToolPackage release) : IClassFixture<ReleaseToolPackage>
{
    [Fact]
    public async Task The_documented_install_commands_run_the_tool_in_an_empty_folder()
    {
        using var folder = new TestFolder("godocker-install-");
        var work = Directory.CreateDirectory(folder.Path("work")).FullName;
        var cliHome = Directory.CreateDirectory(folder.Path("dotnet-home")).FullName;
        File.WriteAllText(Path.Combine(work, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="release" value="{SecurityElement.Escape(release.Feed)}" />
              </packageSources>
            </configuration>
            """);
        var environment = new Dictionary<string, string?>
        {
            ["NUGET_PACKAGES"] = folder.Path("nuget-packages"),
            ["DOTNET_CLI_HOME"] = cliHome,
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_GENERATE_ASPNET_CERTIFICATE"] = "false",
        };
        Task<CommandRun> Dotnet(params string[] args) => CommandRun.ExecuteAsync("dotnet", args, work, environment, TimeSpan.FromMinutes(5));

        var manifest = await Dotnet("new", "tool-manifest");
        Assert.True(manifest.ExitCode == 0, manifest.ToString());
        var install = await Dotnet("tool", "install", "GoDocker.Tool");
        Assert.True(install.ExitCode == 0, install.ToString());
        var verify = await Dotnet("tool", "run", "godocker", "verify");

        // The entry as `dotnet tool install` writes it: no roll-forward, so the package itself must fit .NET 10.
        var entry = File.ReadAllText(Directory.EnumerateFiles(work, "dotnet-tools.json", SearchOption.AllDirectories).Single());
        Assert.Contains($"\"version\": \"{ReleaseToolPackage.Version}\"", entry);
        Assert.Contains("\"rollForward\": false", entry);
        // The tool ran: verify's own finding for a folder without go.mod, not the SDK's "run dotnet tool restore".
        Assert.DoesNotContain("dotnet tool restore", verify.Output);
        Assert.True(verify.ExitCode == 1, verify.ToString());
        Assert.Contains("GD1006", verify.Output);
        // And it ran the asset built for this runtime, not a net8.0 build rolled forward.
        var resolved = File.ReadAllText(Path.Combine(cliHome, ".dotnet", "toolResolverCache", "1", "godocker.tool"));
        Assert.Contains($"/godocker.tool/{ReleaseToolPackage.Version}/tools/net10.0/any/godocker.dll", resolved);
    }
}
