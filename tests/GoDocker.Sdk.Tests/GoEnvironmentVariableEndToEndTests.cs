using System.Text.Json;
using GoDocker.Sdk.Tests.Infrastructure;

namespace GoDocker.Sdk.Tests;

/// <summary>
/// Issue 13, item 3: GoEnvironmentVariable items reach the build stages as ENV through `dotnet build` (the tasks) and
/// `godocker dockerfile` (the tool's -getItem) alike, with the same diagnostics at the same item lines.
/// </summary>
public sealed class GoEnvironmentVariableEndToEndTests(SdkPackages packages)
{
    [Fact]
    public async Task Items_become_ENV_of_the_download_stage_and_both_front_ends_report_a_typo_at_its_line()
    {
        Requirements.Docker();
        await using var proxy = new TestModuleProxy();
        var dependency = proxy.AddUniqueGreeting();
        using var project = new TestGoProject(packages)
            .WithProject(TestGoProject.LocalDockerSettings(proxy.Url, ("GoVerify", "false")),
                "<GoEnvironmentVariable Include=\"GODEBUG\" Value=\"http2client=0\" />\n" +
                "    <GoEnvironmentVariable Include=\"GOEXPERIMENT\" Value=\"fieldtrack\" />\n" +
                "    <GoEnvironmentVariable Include=\"GONOSUMBD\" Value=\"git.example.corp/*\" />")
            .WithMainModule(dependency);
        await project.WriteGoSumAsync(proxy);
        await project.InstallToolAsync();
        var typoLine = Array.FindIndex(File.ReadAllLines(project.ProjectPath), l => l.Contains("GONOSUMBD", StringComparison.Ordinal)) + 1;

        var build = await project.BuildAsync();

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains(proxy.Requests, r => r.EndsWith(".zip", StringComparison.Ordinal));
        var warning = Assert.Single(build.Diagnostics, d => d.Code == "GD1051");
        Assert.Equal(typoLine, warning.Line);
        Assert.Contains("did you mean GONOSUMDB? set the GoNoSumDb property", warning.Message);
        var dockerfile = File.ReadAllText(project.DockerfilePath);
        Assert.Contains("GODEBUG=\"http2client=0\"", dockerfile);
        Assert.Contains("GOEXPERIMENT=\"fieldtrack\"", dockerfile);
        Assert.DoesNotContain("GONOSUMBD", dockerfile);

        var tool = await project.DotnetAsync("tool", "run", "godocker", "dockerfile", "--format", "json");
        Assert.True(tool.ExitCode == 0, tool.ToString());
        // stdout carries the JSON; stderr's "godocker: wrote …" line is interleaved in the captured output.
        var start = tool.Output.IndexOf('{', StringComparison.Ordinal);
        Assert.True(start >= 0, tool.ToString());
        using var json = JsonDocument.Parse(tool.Output[start..(tool.Output.LastIndexOf('}') + 1)]);
        var fromTool = json.RootElement.GetProperty("diagnostics").EnumerateArray()
            .Select(d => $"{d.GetProperty("code").GetString()}:{d.GetProperty("line")}").ToList();
        Assert.Equal([$"GD1051:{typoLine}"], fromTool);
    }
}
