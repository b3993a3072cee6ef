using GoDocker.Core.Classification;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.Projects;

namespace GoDocker.Core.Tests.Classification;

/// <summary>
/// Issue 13 item 5: where the go command has a position, so does the diagnostic. A go.mod the strict parser rejects
/// still has its require lines; a base image the project leaves at its default is reported at the project file.
/// The go output is what go1.19.8 printed for these go.mod files (go mod download -json).
/// </summary>
public class GoModPositionTests
{
    private const string GoMod = "module example.com/app\n\ngo 1.19\n\nrequire (\n\texample.com/filler v1.0.0\n\tgithub.com/sirupsen/logrus {0}\n)\n";

    [Theory]
    // The version go cannot parse; go looks it up and reports the lookup at go.mod:7:2.
    [InlineData("v1.2.0.1", "go: errors parsing go.mod:\n/src/go.mod:7:2: require github.com/sirupsen/logrus: version \"v1.2.0.1\" invalid: reading https://proxy.golang.org/github.com/sirupsen/logrus/@v/v1.2.0.1.info: 404 Not Found\n\tserver response: not found: github.com/sirupsen/logrus@v1.2.0.1: invalid version: unknown revision v1.2.0.1", "GD6001")]
    // A major version the path cannot have.
    [InlineData("v9.9.9", "go: errors parsing go.mod:\n/src/go.mod:7:2: require github.com/sirupsen/logrus: version \"v9.9.9\" invalid: should be v0 or v1, not v9", "GD6007")]
    public void A_strict_invalid_require_is_reported_at_its_line(string version, string output, string code)
    {
        using var dir = new ProjectFolder(string.Format(System.Globalization.CultureInfo.InvariantCulture, GoMod, version));
        foreach (var diagnostics in new[]
        {
            new LogExplainer().Explain(output, dir.Settings()),
            new ProjectOutputClassifier().Classify(output, dir.Settings()),
        })
        {
            var diagnostic = Assert.Single(diagnostics);
            Assert.Equal(code, diagnostic.Code);
            Assert.Equal(dir.GoModPath, diagnostic.Location?.File);
            Assert.Equal(7, diagnostic.Location?.Line);
        }
    }

    [Fact]
    public void The_require_line_is_found_without_the_go_mod_line_go_printed()
    {
        using var dir = new ProjectFolder(string.Format(System.Globalization.CultureInfo.InvariantCulture, GoMod, "v9.9.9"));
        var diagnostic = Assert.Single(new LogExplainer().Explain(
            "go: github.com/sirupsen/logrus@v9.9.9: invalid version: should be v0 or v1, not v9", dir.Settings()));
        Assert.Equal("GD6007", diagnostic.Code);
        Assert.Equal(new SourceLocation(dir.GoModPath, 7, 2, 7, 35), diagnostic.Location);
    }

    [Fact]
    public void A_missing_base_image_left_at_its_default_is_reported_at_the_project_file()
    {
        using var dir = new ProjectFolder(string.Format(System.Globalization.CultureInfo.InvariantCulture, GoMod, "v1.9.0"));
        var log = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "go-errors", "docker-failed-to-solve-2.txt"));
        var diagnostic = Assert.Single(new ProjectOutputClassifier().Classify(log, dir.Settings()));
        Assert.Equal("GD5003", diagnostic.Code);
        Assert.Equal(SourceLocation.Of(dir.ProjectPath), diagnostic.Location);
    }

    [Fact]
    public void A_missing_base_image_the_project_names_is_reported_at_GoBaseImage()
    {
        using var dir = new ProjectFolder(string.Format(System.Globalization.CultureInfo.InvariantCulture, GoMod, "v1.9.0"), "<GoBaseImage>golang:1.99</GoBaseImage>");
        var log = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "go-errors", "docker-failed-to-solve-2.txt"));
        var diagnostic = Assert.Single(new LogExplainer().Explain(log, dir.Settings()));
        Assert.Equal("GD5003", diagnostic.Code);
        Assert.Equal(dir.ProjectPath, diagnostic.Location?.File);
        Assert.Equal(4, diagnostic.Location?.Line);
    }

    /// <summary>A .goproj beside a go.mod, read as the SDK reads them.</summary>
    private sealed class ProjectFolder : IDisposable
    {
        public ProjectFolder(string goMod, string property = "")
        {
            Directory = Path.Combine(Path.GetTempPath(), "godocker-positions-" + Guid.NewGuid().ToString("N"));
            System.IO.Directory.CreateDirectory(Directory);
            File.WriteAllText(GoModPath, goMod);
            File.WriteAllText(ProjectPath, $"<Project Sdk=\"GoDocker.Sdk\">\n  <PropertyGroup>\n    <GoProxy>https://proxy.golang.org</GoProxy>\n    {property}\n  </PropertyGroup>\n</Project>\n");
        }

        public string Directory { get; }
        public string GoModPath => Path.Combine(Directory, "go.mod");
        public string ProjectPath => Path.Combine(Directory, "app.goproj");

        public GoProjectSettings Settings() => new()
        {
            ProjectPath = ProjectPath,
            ProjectDirectory = Directory,
            GoModFile = GoModPath,
            DockerContext = Directory,
            Positions = ProjectFilePositions.Read(ProjectPath),
            Environment = GoDocker.Core.GoEnv.GoEnvironmentReader.Read(
                new GoDocker.Core.Tests.Infrastructure.DictionaryEnvironmentSource(new Dictionary<string, string>()), GoDocker.Core.Tests.Infrastructure.InMemoryTextFileSource.Empty),
        };

        public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
    }
}
