using GoDocker.Core.Diagnostics;
using GoDocker.Core.Dockerfiles;
using GoDocker.Core.Tests.Projects;

namespace GoDocker.Core.Tests.Docker;

/// <summary>GoDockerBuilder: passed as --builder to every build the product runs; a name buildx would refuse is GD1007.</summary>
public sealed class DockerBuilderSettingTests
{
    [Fact]
    public void GoDockerBuilder_is_passed_as_builder_to_the_download_compile_and_test_builds()
    {
        using var project = new GoProjectFixture().Set("GoDockerBuilder", "ci-builder");
        var (settings, diagnostics) = project.Read();
        Assert.DoesNotContain(diagnostics, d => d.IsError);

        var commands = new[]
        {
            DockerBuildCommand.ForDownloadStage(settings, "/w/Dockerfile"),
            DockerBuildCommand.For(settings, "/w/Dockerfile").WithTarget(DockerfileWriter.BuildStage),
            DockerBuildCommand.For(settings, "/w/Dockerfile").ForTestResults("/w/out"),
        };
        foreach (var command in commands)
        {
            Assert.Equal(["build", "--builder", "ci-builder", "--file", "/w/Dockerfile"], command.Arguments.Take(5));
            Assert.Contains("--builder ci-builder", command.ToString());
        }
    }

    [Fact]
    public void Without_GoDockerBuilder_no_builder_is_passed()
    {
        using var project = new GoProjectFixture();
        var (settings, _) = project.Read();

        Assert.DoesNotContain("--builder", DockerBuildCommand.ForDownloadStage(settings, "/w/Dockerfile").Arguments);
    }

    [Theory]
    [InlineData("ci builder")]
    [InlineData("-ci")]
    [InlineData("ci;rm")]
    public void A_builder_name_buildx_would_refuse_is_GD1007_at_its_line(string name)
    {
        using var project = new GoProjectFixture().Set("GoDockerBuilder", name);
        var (settings, diagnostics) = project.Read();

        var error = Assert.Single(diagnostics, d => d.IsError);
        Assert.Same(DiagnosticCatalog.InvalidPropertyValue, error.Descriptor);
        Assert.Equal(project.LineOf("GoDockerBuilder"), error.Location!.Line);
        Assert.Contains("docker buildx ls", error.Message);
        Assert.Equal("", settings.DockerBuilder);
    }
}
