using GoDocker.Sdk.Tests.Infrastructure;

namespace GoDocker.Sdk.Tests;

/// <summary>
/// Real `dotnet build` of a .goproj runs the build stage (go build, go vet) in Docker after the download, and Go's
/// own errors land at the .go file, line and column in the project folder.
/// </summary>
public sealed class BuildStageEndToEndTests(SdkPackages packages)
{
    private static string MainGo(string body) =>
        $"package main\n\nimport (\n\t\"fmt\"\n\n\tgreeting \"{{0}}\"\n)\n\nfunc main() {{{{\n{body}\n}}}}\n";

    [Fact]
    public async Task A_type_error_fails_at_its_go_line_a_fix_builds_a_second_build_starts_no_Docker_and_vet_findings_follow_GoVet()
    {
        Requirements.Docker();
        await using var proxy = new TestModuleProxy();
        var dependency = proxy.AddUniqueGreeting();
        using var project = await TestGoProject.CreateAsync(packages, TestGoProject.LocalDockerSettings(proxy.Url), dependency, proxy);
        var mainGo = project.Path("main.go");
        void WriteMain(string body) => File.WriteAllText(mainGo, string.Format(System.Globalization.CultureInfo.InvariantCulture, MainGo(body), dependency.Path));

        // Line 10, column 14: the string assigned to an int.
        WriteMain("\tvar n int = greeting.Hello(\"docker\")\n\tfmt.Println(n)");
        var broken = await project.BuildAsync();

        Assert.NotEqual(0, broken.ExitCode);
        var error = broken.SingleError();
        Assert.Equal("GD8001", error.Code);
        Assert.Equal(mainGo, error.File);
        Assert.True(error.Line == 10 && error.Column == 14, broken.ToString());
        Assert.Contains("cannot use greeting.Hello(\"docker\")", error.Message);
        Assert.False(File.Exists(project.Path("obj", "Debug", "godocker", "compile.stamp")), "a failed build stage must not be stamped as done");

        WriteMain("\tfmt.Println(greeting.Hello(\"docker\"))");
        var fixedBuild = await project.BuildAsync();
        Assert.True(fixedBuild.ExitCode == 0, fixedBuild.ToString());
        Assert.Contains("[build ", fixedBuild.Output);
        // The download had nothing new to do: only the build stage ran for the changed .go file.
        Assert.Contains("Skipping target \"GoDockerGenerate\"", fixedBuild.Output);
        Assert.Contains("Skipping target \"GoDockerDownload\"", fixedBuild.Output);

        var noop = await project.BuildAsync();
        Assert.True(noop.ExitCode == 0, noop.ToString());
        Assert.Contains("Skipping target \"GoDockerCompile\"", noop.Output);
        Assert.DoesNotContain("[build ", noop.Output);
        Assert.DoesNotContain("[deps", noop.Output);

        // A printf verb that does not match its argument compiles, and go vet reports it at its line.
        WriteMain("\tfmt.Printf(\"%d\\n\", greeting.Hello(\"docker\"))");
        var vetted = await project.BuildAsync();
        Assert.NotEqual(0, vetted.ExitCode);
        var finding = vetted.SingleError();
        Assert.Equal("GD8002", finding.Code);
        Assert.Equal(mainGo, finding.File);
        Assert.True(finding.Line == 10 && finding.Column == 2, vetted.ToString());
        Assert.Contains("Printf format %d has arg", finding.Message);

        project.WithProject(TestGoProject.LocalDockerSettings(proxy.Url, ("GoVet", "false")));
        var unvetted = await project.BuildAsync();
        Assert.True(unvetted.ExitCode == 0, unvetted.ToString());
        Assert.DoesNotContain(unvetted.Diagnostics, d => d.Code == "GD8002");
        Assert.DoesNotContain("go vet", File.ReadAllText(project.DockerfilePath));
    }
}
