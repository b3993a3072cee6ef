using GoDocker.Core.GoEnv;
using GoDocker.Core.Projects;

namespace GoDocker.Core.Tests.GoEnv;

public sealed class ProjectGoEnvOverridesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("godocker-goenv-proj-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Project_properties_override_the_environment_and_errors_point_at_the_property_line()
    {
        var project = Path.Combine(_dir, "service.goproj");
        File.WriteAllText(project, """
            <Project Sdk="GoDocker.Sdk">
              <PropertyGroup>
                <GoProxy>https://goproxy.corp.example,direct</GoProxy>
                <GoToolchain>1.22.3</GoToolchain>
              </PropertyGroup>
            </Project>
            """);
        var (settings, _) = GoProjectSettingsReader.Read(project,
            new Dictionary<string, string> { ["GoProxy"] = "https://goproxy.corp.example,direct", ["GoToolchain"] = "1.22.3" },
            [], [], ProjectFilePositions.Read(project));

        var env = GoEnvironmentReader.Read(
            new DictionaryEnvironmentSource(new Dictionary<string, string> { ["GOPROXY"] = "https://env.example", ["GOTOOLCHAIN"] = "local" }),
            InMemoryTextFileSource.Empty,
            new GoEnvironmentReaderOptions { Overrides = ProjectGoEnvOverrides.From(settings) });

        Assert.Equal("https://goproxy.corp.example,direct", env["GOPROXY"].Value);
        Assert.Equal(GoEnvSource.Project, env["GOPROXY"].Source);
        var diagnostic = Assert.Single(env.Diagnostics);
        Assert.Equal("GD1005", diagnostic.Code);
        Assert.Equal(project, diagnostic.Location?.File);
        Assert.Equal(4, diagnostic.Location?.Line);
        Assert.Contains("invalid GOTOOLCHAIN \"1.22.3\"", diagnostic.Message);
    }
}
