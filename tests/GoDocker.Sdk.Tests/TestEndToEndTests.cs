using System.Xml.Linq;
using GoDocker.Sdk.Tests.Infrastructure;

namespace GoDocker.Sdk.Tests;

/// <summary>Real `dotnet test` of a .goproj against the packed SDK: go test -json in the Dockerfile's test stage.</summary>
public sealed class TestEndToEndTests(SdkPackages packages)
{
    private const string TestFile = """
        package main

        import "testing"

        func TestPasses(t *testing.T) {
        	if 1+1 != 2 {
        		t.Fatal("arithmetic")
        	}
        }

        func TestFails(t *testing.T) {
        	got := 41
        	t.Errorf("answer = %d, want 42", got)
        }
        """;

    private static async Task<TestGoProject> CreateAsync(SdkPackages packages, TestModuleProxy proxy, params (string, string)[] more)
    {
        var dependency = proxy.AddUniqueGreeting();
        var project = await TestGoProject.CreateAsync(packages, TestGoProject.LocalDockerSettings(proxy.Url, more), dependency, proxy);
        File.WriteAllText(project.Path("main_test.go"), TestFile.Replace("\r\n", "\n"));
        return project;
    }

    [Fact]
    public async Task Dotnet_test_fails_at_the_Errorf_line_reports_the_counts_and_writes_a_trx_with_both_results()
    {
        Requirements.Docker();
        await using var proxy = new TestModuleProxy();
        using var project = await CreateAsync(packages, proxy);
        var results = project.Path("results");

        var test = await project.DotnetAsync("test", project.ProjectPath, "-nodeReuse:false", "--results-directory", results);

        Assert.True(test.ExitCode != 0, test.ToString());
        var error = test.SingleError(e => e.Code == "GD8020");
        Assert.Equal(project.Path("main_test.go"), error.File);
        Assert.True(error.Line == 13, test.ToString());
        Assert.Contains("TestFails", error.Message);
        Assert.Contains("answer = 41, want 42", error.Message);
        Assert.Contains("Failed:     1, Passed:     1, Skipped:     0, Total:     2", test.Output);

        var trx = XDocument.Load(Path.Combine(results, "app.trx"));
        XNamespace ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
        var outcomes = trx.Descendants(ns + "UnitTestResult").ToDictionary(r => r.Attribute("testName")!.Value, r => r.Attribute("outcome")!.Value);
        Assert.Equal("Passed", outcomes["TestPasses"]);
        Assert.Equal("Failed", outcomes["TestFails"]);
        Assert.Equal(2, outcomes.Count);
    }

    [Fact]
    public async Task The_msbuild_Test_target_runs_the_test_stage_and_passes_when_the_selected_tests_pass()
    {
        Requirements.Docker();
        await using var proxy = new TestModuleProxy();
        using var project = await CreateAsync(packages, proxy, ("GoTestFlags", "-run=TestPasses -count=1"));

        var test = await project.DotnetAsync("msbuild", project.ProjectPath, "-t:Test", "-nodeReuse:false", "-v:n");

        Assert.True(test.ExitCode == 0, test.ToString());
        Assert.Contains("Passed!  - Failed:     0, Passed:     1, Skipped:     0, Total:     1", test.Output);
        Assert.Empty(test.Errors);
        Assert.True(File.Exists(project.Path("TestResults", "app.trx")));
    }

    [Fact]
    public async Task Godocker_test_reports_the_same_failure_and_writes_the_trx()
    {
        Requirements.Docker();
        await using var proxy = new TestModuleProxy();
        using var project = await CreateAsync(packages, proxy);
        await project.InstallToolAsync();

        var test = await project.DotnetAsync("tool", "run", "godocker", "test", "--project", project.ProjectPath, "--results-directory", "out");

        Assert.True(test.ExitCode == 1, test.ToString());
        var error = test.SingleError(e => e.Code == "GD8020");
        Assert.Equal(project.Path("main_test.go"), error.File);
        Assert.Equal(13, error.Line);
        Assert.Contains("Failed:     1, Passed:     1, Skipped:     0, Total:     2", test.Output);
        Assert.True(File.Exists(project.Path("out", "app.trx")), test.ToString());
    }

    [Fact]
    public async Task One_dotnet_test_of_a_solution_runs_a_csproj_xunit_project_and_the_goproj()
    {
        Requirements.DockerAndXunitPackages();
        await using var proxy = new TestModuleProxy();
        using var project = await CreateAsync(packages, proxy);
        var nugetConfig = File.ReadAllText(project.Path("nuget.config"));
        File.WriteAllText(project.Path("nuget.config"), nugetConfig.Replace("</packageSources>",
            $"  <add key=\"offline-xunit\" value=\"{Requirements.XunitPackagesFolder}\" />\n  </packageSources>", StringComparison.Ordinal));
        Directory.CreateDirectory(project.Path("net"));
        File.WriteAllText(project.Path("net", "net.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <IsPackable>false</IsPackable>
                <IsTestProject>true</IsTestProject>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.0.1" />
                <PackageReference Include="xunit" Version="2.9.3" />
                <PackageReference Include="xunit.runner.visualstudio" Version="3.1.5" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(project.Path("net", "NetTests.cs"), "public class NetTests { [Xunit.Fact] public void DotnetPasses() { } }\n");
        File.WriteAllText(project.Path("both.slnx"), """
            <Solution>
              <Project Path="app.goproj" Type="13B669BE-BB05-4DDF-9536-439F39A36129" />
              <Project Path="net/net.csproj" />
            </Solution>
            """);
        var results = project.Path("results");

        var test = await project.DotnetAsync("test", project.Path("both.slnx"), "-nodeReuse:false", "--results-directory", results);

        Assert.True(test.ExitCode != 0, test.ToString());
        Assert.Matches(@"Passed!\s+-\s+Failed:\s+0, Passed:\s+1, Skipped:\s+0, Total:\s+1.*net\.dll", test.Output);
        Assert.Contains("Failed!  - Failed:     1, Passed:     1, Skipped:     0, Total:     2 - app.goproj", test.Output);
        Assert.Equal(project.Path("main_test.go"), test.SingleError(e => e.Code == "GD8020").File);
        Assert.True(File.Exists(Path.Combine(results, "app.trx")), test.ToString());
    }

    [Fact]
    public async Task Shell_syntax_in_GoTestFlags_is_an_error_at_its_line_before_docker_runs()
    {
        Requirements.Docker();
        await using var proxy = new TestModuleProxy();
        using var project = await CreateAsync(packages, proxy, ("GoTestFlags", "-run=$(touch /tmp/pwned) ; id"));

        var test = await project.DotnetAsync("test", project.ProjectPath, "-nodeReuse:false");

        Assert.True(test.ExitCode != 0, test.ToString());
        var error = test.SingleError(e => e.Code == "GD1076");
        Assert.Equal(project.ProjectPath, error.File);
        var line = File.ReadAllLines(project.ProjectPath).ToList().FindIndex(l => l.Contains("<GoTestFlags>", StringComparison.Ordinal)) + 1;
        Assert.Equal(line, error.Line);
        Assert.DoesNotContain("[test", test.Output);
    }

    [Fact]
    public async Task Dotnet_test_in_Microsoft_Testing_Platform_mode_runs_the_go_tests_and_reports_the_failure_at_its_line()
    {
        Requirements.Docker();
        await using var proxy = new TestModuleProxy();
        using var project = await CreateAsync(packages, proxy);
        File.WriteAllText(project.Path("global.json"), """{ "test": { "runner": "Microsoft.Testing.Platform" } }""");
        var results = project.Path("results");

        var test = await project.DotnetAsync("test", "--project", project.ProjectPath, "--results-directory", results, "--no-progress", "--no-ansi");

        Assert.True(test.ExitCode != 0, test.ToString());
        Assert.Matches(@"failed TestFails", test.Output);
        Assert.True(test.Output.Contains(project.Path("main_test.go") + ":13", StringComparison.Ordinal), test.ToString());
        Assert.Contains("answer = 41, want 42", test.Output);
        Assert.Matches(@"failed:\s+1", test.Output);
        Assert.Matches(@"succeeded:\s+1", test.Output);
        Assert.Matches(@"total:\s+2", test.Output);
        Assert.True(File.Exists(Path.Combine(results, "app.trx")), test.ToString());
    }

    [Fact]
    public async Task Dotnet_test_in_Microsoft_Testing_Platform_mode_runs_an_xunit_v3_csproj_and_the_goproj_of_one_solution()
    {
        Requirements.DockerAndXunitV3Packages();
        await using var proxy = new TestModuleProxy();
        using var project = await CreateAsync(packages, proxy);
        File.WriteAllText(project.Path("global.json"), """{ "test": { "runner": "Microsoft.Testing.Platform" } }""");
        var nugetConfig = File.ReadAllText(project.Path("nuget.config"));
        File.WriteAllText(project.Path("nuget.config"), nugetConfig.Replace("</packageSources>",
            $"  <add key=\"offline-xunit-v3\" value=\"{Requirements.XunitV3PackagesFolder}\" />\n  </packageSources>", StringComparison.Ordinal));
        Directory.CreateDirectory(project.Path("net"));
        File.WriteAllText(project.Path("net", "net.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <OutputType>Exe</OutputType>
                <IsPackable>false</IsPackable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="xunit.v3" Version="4.0.2" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(project.Path("net", "NetTests.cs"), "public class NetTests { [Xunit.Fact] public void DotnetPasses() { } }\n");
        File.WriteAllText(project.Path("both.slnx"), """
            <Solution>
              <Project Path="app.goproj" Type="13B669BE-BB05-4DDF-9536-439F39A36129" />
              <Project Path="net/net.csproj" />
            </Solution>
            """);

        var test = await project.DotnetAsync("test", "--solution", project.Path("both.slnx"), "--results-directory", project.Path("results"), "--no-progress", "--no-ansi");

        Assert.True(test.ExitCode != 0, test.ToString());
        Assert.True(test.Output.Contains("net.dll", StringComparison.Ordinal), test.ToString());
        Assert.True(test.Output.Contains(project.Path("main_test.go") + ":13", StringComparison.Ordinal), test.ToString());
        Assert.Matches(@"failed:\s+1", test.Output);
        Assert.Matches(@"succeeded:\s+2", test.Output);
        Assert.Matches(@"total:\s+3", test.Output);
    }

    [Fact]
    public async Task Dotnet_test_in_Microsoft_Testing_Platform_mode_without_the_test_application_is_GD8025()
    {
        Requirements.Docker();
        await using var proxy = new TestModuleProxy();
        using var project = await CreateAsync(packages, proxy, ("GoDockerTestHostAssembly", "/nowhere/GoDocker.TestHost.dll"));
        File.WriteAllText(project.Path("global.json"), """{ "test": { "runner": "Microsoft.Testing.Platform" } }""");

        var test = await project.DotnetAsync("test", "--project", project.ProjectPath);

        Assert.True(test.ExitCode != 0, test.ToString());
        var error = test.SingleError(e => e.Code == "GD8025");
        Assert.Equal(project.ProjectPath, error.File);
        Assert.Contains("/nowhere/GoDocker.TestHost.dll", error.Message);
        Assert.DoesNotContain("[test", test.Output);
    }

    [Fact]
    public async Task Dotnet_test_no_build_in_Microsoft_Testing_Platform_mode_before_any_build_is_GD8028_at_the_project()
    {
        Requirements.Docker();
        await using var proxy = new TestModuleProxy();
        using var project = await CreateAsync(packages, proxy);
        File.WriteAllText(project.Path("global.json"), """{ "test": { "runner": "Microsoft.Testing.Platform" } }""");
        var restore = await project.DotnetAsync("restore", project.ProjectPath);
        Assert.True(restore.ExitCode == 0, restore.ToString());

        var test = await project.DotnetAsync("test", "--project", project.ProjectPath, "--no-build", "--no-progress", "--no-ansi");

        Assert.True(test.ExitCode != 0, test.ToString());
        Assert.True(test.Output.Contains(project.ProjectPath + ": error GD8028:", StringComparison.Ordinal), test.ToString());
        Assert.Contains("test-application.json", test.Output);
        Assert.Matches(@"failed:\s+1", test.Output);
    }
}
