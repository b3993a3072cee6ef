using System.Text.Json;
using GoDocker.Sdk.Tests.Infrastructure;

namespace GoDocker.Sdk.Tests;

/// <summary>
/// The MSBuild tasks and the tool are adapters over the same Core operations: on one project, generate, verify and
/// download report the same diagnostics (code, file, line) through `dotnet build` as through `godocker`.
/// </summary>
public sealed class FrontEndParityTests(SdkPackages packages)
{
    [Fact]
    public async Task Generate_reports_the_same_diagnostics_through_dotnet_build_and_godocker_dockerfile()
    {
        Requirements.Go();
        await using var proxy = new TestModuleProxy();
        var dependency = proxy.AddUniqueGreeting();
        // An untagged runtime image is a warning of the generate step (GD1040), at its line.
        using var project = await TestGoProject.CreateAsync(packages,
            TestGoProject.LocalDockerSettings(proxy.Url, ("GoVerify", "false"), ("GoDownload", "Off"), ("GoRuntimeImage", "busybox")), dependency, proxy);
        await project.InstallToolAsync();

        var build = await project.BuildAsync();
        var tool = await project.DotnetAsync("tool", "run", "godocker", "dockerfile", "--format", "json");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains(build.Diagnostics, d => d.Code == "GD1040");
        Assert.Equal(Of(build), FromJson(tool.Output));
    }

    [Fact]
    public async Task Verify_reports_the_same_diagnostics_through_dotnet_build_and_godocker_verify()
    {
        Requirements.Go();
        await using var proxy = new TestModuleProxy();
        var dependency = proxy.AddUniqueGreeting();
        var closed = $"http://127.0.0.1:{TestModuleProxy.FreePort()}";
        using var project = await TestGoProject.CreateAsync(packages,
            TestGoProject.LocalDockerSettings(closed, ("GoDownload", "Off")), dependency, proxy);
        await project.InstallToolAsync();

        var build = await project.BuildAsync();
        var tool = await project.DotnetAsync("tool", "run", "godocker", "verify", "--format", "json");

        Assert.NotEqual(0, build.ExitCode);
        Assert.Equal(1, tool.ExitCode);
        Assert.True(build.Diagnostics.Any(d => d.Code == "GD3002" && d.File == project.ProjectPath && d.Line > 0), build.ToString());
        Assert.Equal(Of(build), FromJson(tool.Output));
    }

    [Fact]
    public async Task Download_reports_the_same_diagnostics_through_dotnet_build_and_godocker_download()
    {
        Requirements.Docker();
        await using var proxy = new TestModuleProxy();
        var dependency = proxy.AddUniqueGreeting();
        using var project = new TestGoProject(packages)
            .WithProject(TestGoProject.LocalDockerSettings(proxy.Url, ("GoVerify", "false")))
            .WithMainModule(dependency, requiredVersion: "v1.9.9");
        await project.InstallToolAsync();

        var build = await project.BuildAsync();
        var tool = await project.DotnetAsync("tool", "run", "godocker", "download", "--format", "json");

        Assert.NotEqual(0, build.ExitCode);
        Assert.Equal(1, tool.ExitCode);
        Assert.True(build.Diagnostics.Any(d => d.Code == "GD6001" && d.File == project.GoModPath && d.Line == 5), build.ToString());
        Assert.Equal(Of(build), FromJson(tool.Output));
    }

    [Fact]
    public async Task Build_reports_the_same_Go_errors_through_dotnet_build_and_godocker_build()
    {
        Requirements.Docker();
        await using var proxy = new TestModuleProxy();
        var dependency = proxy.AddUniqueGreeting();
        using var project = await TestGoProject.CreateAsync(packages, TestGoProject.LocalDockerSettings(proxy.Url, ("GoVerify", "false")), dependency, proxy);
        // An undefined name at line 9, column 14 of main.go.
        File.WriteAllText(project.Path("main.go"), $"package main\n\nimport (\n\t\"fmt\"\n\n\tgreeting \"{dependency.Path}\"\n)\n\nfunc main() {{ fmt.Println(greeting.Hello(undefinedName)) }}\n");
        await project.InstallToolAsync();

        var build = await project.BuildAsync();
        var tool = await project.DotnetAsync("tool", "run", "godocker", "build", "--format", "json");

        Assert.NotEqual(0, build.ExitCode);
        Assert.Equal(1, tool.ExitCode);
        Assert.True(build.Diagnostics.Any(d => d.Code == "GD8001" && d.File == project.Path("main.go") && d.Line == 9 && d.Column > 0), build.ToString());
        Assert.Equal(Of(build), FromJson(tool.Output));
    }

    private static List<string> Of(BuildRun build) =>
        [.. build.Diagnostics.Select(d => Key(d.Code, d.File, d.Line)).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>Every diagnostic object in the tool's JSON (a plain list, or a verify report holding one).</summary>
    private static List<string> FromJson(string output)
    {
        // Progress goes to stderr, which the run interleaves with stdout: the JSON document is the last one starting at a line start.
        var start = output.StartsWith('{') ? 0 : output.LastIndexOf("\n{", StringComparison.Ordinal) + 1;
        using var json = JsonDocument.Parse(output[start..]);
        var keys = new List<string>();
        foreach (var d in json.RootElement.GetProperty("diagnostics").EnumerateArray())
        {
            var file = d.GetProperty("file").ValueKind == JsonValueKind.String ? d.GetProperty("file").GetString()! : "";
            var line = d.GetProperty("line").ValueKind == JsonValueKind.Number ? d.GetProperty("line").GetInt32() : 0;
            keys.Add(Key(d.GetProperty("code").GetString()!, file, line));
        }
        return [.. keys.Distinct().Order(StringComparer.Ordinal)];
    }

    // MSBuild prints full paths; the tool's JSON may print them relative to the project folder.
    private static string Key(string code, string file, int line) => $"{code} {Path.GetFileName(file)}:{line}";
}
