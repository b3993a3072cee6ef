using GoDocker.Core.Classification;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.Projects;

namespace GoDocker.Core.Tests.Classification;

public class LogExplainerTests
{
    private static GoProjectSettings Settings(TestProject project) => new()
    {
        ProjectPath = project.GoMod,
        ProjectDirectory = project.Directory,
        GoModFile = project.GoMod,
        DockerContext = project.Directory,
        Positions = ProjectFilePositions.None(project.GoMod),
        Environment = GoDocker.Core.GoEnv.GoEnvironmentReader.Read(
            new GoDocker.Core.Tests.Infrastructure.DictionaryEnvironmentSource(new Dictionary<string, string>()), GoDocker.Core.Tests.Infrastructure.InMemoryTextFileSource.Empty),
    };

    [Fact]
    public void A_saved_ci_log_is_explained_against_the_project()
    {
        using var project = new TestProject("github.com/Dreamacro/clash@v1.3.0");
        var log = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "go-errors", "io-timeout-2.txt"));
        var diagnostic = Assert.Single(new LogExplainer().Explain(log, Settings(project)));
        Assert.Equal("GD3003", diagnostic.Code);
        Assert.Equal($"{project.GoMod}({TestProject.RequireLine},2)", diagnostic.Location?.ToString());
    }

    [Fact]
    public async Task Dash_reads_standard_input_and_a_missing_file_is_a_usage_error()
    {
        Assert.Equal("from stdin", await LogExplainer.ReadLogAsync("-", new StringReader("from stdin"), CancellationToken.None));
        var e = await Assert.ThrowsAsync<DiagnosticException>(() => LogExplainer.ReadLogAsync(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N")), TextReader.Null, CancellationToken.None));
        Assert.Equal("GD1014", e.Diagnostic.Code);
    }

    [Fact]
    public void Download_stage_classifier_points_unpositioned_failures_at_go_mod()
    {
        using var project = new TestProject(null);
        var diagnostic = Assert.Single(new ProjectOutputClassifier().Classify("something odd\n", Settings(project)));
        Assert.Equal("GD6999", diagnostic.Code);
        Assert.Equal(SourceLocation.Of(project.GoMod), diagnostic.Location);
        Assert.Contains("  something odd", diagnostic.Message);
    }
}
