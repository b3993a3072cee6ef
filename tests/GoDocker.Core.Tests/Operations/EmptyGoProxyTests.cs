using GoDocker.Core.Dockerfiles;
using GoDocker.Core.GoEnv;
using GoDocker.Core.Projects;
using GoDocker.Core.Verification;

namespace GoDocker.Core.Tests.Operations;

/// <summary>
/// With GoProxy empty, the build uses what the go command would: the process environment's GOPROXY, else the go env
/// -w file's, else the default. The Dockerfile writes that value and verify probes it, so the two always agree and
/// the base image's own default never decides.
/// </summary>
public sealed class EmptyGoProxyTests
{
    [Theory]
    [InlineData(null, null, "https://proxy.golang.org,direct")]
    [InlineData("http://127.0.0.1:47001", null, "http://127.0.0.1:47001")]
    [InlineData(null, "GOPROXY=http://127.0.0.1:47002\n", "http://127.0.0.1:47002")]
    public async Task The_Dockerfile_and_verify_use_the_same_GOPROXY(string? processGoProxy, string? goEnvFile, string expected)
    {
        using var fixture = new Projects.GoProjectFixture();
        fixture.WriteFile("go.mod", "module example.com/app\n\ngo 1.19\n\nrequire example.com/dep v1.0.0\n");
        var variables = new Dictionary<string, string> { ["HOME"] = "/home/test" };
        if (processGoProxy is not null)
        {
            variables["GOPROXY"] = processGoProxy;
        }
        var files = goEnvFile is null ? InMemoryTextFileSource.Empty : new InMemoryTextFileSource(new Dictionary<string, string> { ["/home/test/.config/go/env"] = goEnvFile });
        File.WriteAllText(fixture.ProjectPath, "<Project Sdk=\"GoDocker.Sdk\" />\n");
        var project = GoProject.Load(new GoProjectInput(fixture.ProjectPath)
        {
            Properties = new Dictionary<string, string> { ["GoBaseImage"] = "golang:1.22-bookworm" },
            Environment = new DictionaryEnvironmentSource(variables),
            Files = files,
        });
        Assert.False(project.HasErrors, string.Join("\n", project.Diagnostics));

        var generated = await DockerfileGeneration.GenerateAsync(project.Settings, TestContext.Current.CancellationToken);
        var plan = ProbePlan.For(project.Settings.Environment, "example.com/dep", "v1.0.0");

        Assert.Contains($"GOPROXY=\"{expected}\"", generated.Dockerfile);
        var firstProxy = expected.Split(',')[0].TrimEnd('/') + "/";
        Assert.Equal(firstProxy, plan.Targets.First(t => t.Role == ProbeRole.GoProxy).Url.ToString());
    }

    [Fact]
    public void The_project_property_wins_over_the_environment_and_keeps_its_line()
    {
        using var fixture = new Projects.GoProjectFixture();
        File.WriteAllText(fixture.ProjectPath, "<Project Sdk=\"GoDocker.Sdk\">\n  <PropertyGroup>\n    <GoProxy>http://127.0.0.1:47003</GoProxy>\n  </PropertyGroup>\n</Project>\n");
        var project = GoProject.Load(new GoProjectInput(fixture.ProjectPath)
        {
            Properties = new Dictionary<string, string> { ["GoProxy"] = "http://127.0.0.1:47003" },
            Environment = new DictionaryEnvironmentSource(new Dictionary<string, string> { ["GOPROXY"] = "http://127.0.0.1:9" }),
            Files = InMemoryTextFileSource.Empty,
        });

        Assert.Equal("http://127.0.0.1:47003", project.Settings.GoEnv("GOPROXY"));
        Assert.Equal(3, project.Settings.GoEnvLocation("GOPROXY")?.Line);
    }
}
