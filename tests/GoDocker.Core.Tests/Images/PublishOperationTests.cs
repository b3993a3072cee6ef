using GoDocker.Core.Diagnostics;
using GoDocker.Core.Operations;
using GoDocker.Core.Projects;
using GoDocker.Core.Tests.Projects;

namespace GoDocker.Core.Tests.Images;

/// <summary>What publish refuses before it starts Docker.</summary>
public sealed class PublishOperationTests
{
    private sealed class NoLog : IOperationLog
    {
        public List<string> Lines { get; } = [];
        public void Progress(string text) => Lines.Add(text);
        public void Detail(string text) => Lines.Add(text);
        public void Report(Diagnostic diagnostic) => Lines.Add(diagnostic.Message);
    }

    [Fact]
    public async Task Several_platforms_loaded_into_the_engine_are_GD5050_at_GoPlatforms_and_nothing_is_built()
    {
        using var project = new GoProjectFixture().Set("GoPlatforms", "linux/amd64,linux/arm64");
        var (settings, diagnostics) = project.Read();
        var log = new NoLog();

        var result = await PublishOperation.RunAsync(new GoProject(settings, diagnostics), new PublishRequest(), log, TestContext.Current.CancellationToken);

        var error = Assert.Single(result.Diagnostics);
        Assert.Same(DiagnosticCatalog.MultiPlatformPublishUnsupported, error.Descriptor);
        Assert.Equal(project.LineOf("GoPlatforms"), error.Location?.Line);
        Assert.Contains("linux/amd64,linux/arm64", error.Message);
        Assert.Contains("GoImageRegistry", error.Message);
        Assert.Contains("GoImageArchiveOutputPath", error.Message);
        Assert.False(result.Succeeded);
        Assert.False(File.Exists(settings.DockerfilePath), "publish must stop before it writes or builds anything");
        Assert.Empty(log.Lines);
    }

    [Fact]
    public async Task A_source_date_epoch_that_is_not_a_number_is_GD1085_before_docker_runs()
    {
        using var project = new GoProjectFixture();
        var (settings, diagnostics) = project.Read();

        var result = await PublishOperation.RunAsync(new GoProject(settings, diagnostics), new PublishRequest { SourceDateEpoch = "last tuesday" }, new NoLog(), TestContext.Current.CancellationToken);

        var error = Assert.Single(result.Diagnostics);
        Assert.Same(DiagnosticCatalog.InvalidSourceDateEpoch, error.Descriptor);
        Assert.Contains("last tuesday", error.Message);
        Assert.False(File.Exists(settings.DockerfilePath));
    }

    [Fact]
    public async Task A_project_with_a_bad_publish_setting_is_not_published()
    {
        using var project = new GoProjectFixture().Set("GoImageTags", "bad tag");
        var (settings, diagnostics) = project.Read();

        var result = await PublishOperation.RunAsync(new GoProject(settings, diagnostics), new PublishRequest(), new NoLog(), TestContext.Current.CancellationToken);

        Assert.Equal("GD1081", Assert.Single(result.Diagnostics).Code);
        Assert.False(File.Exists(settings.DockerfilePath));
    }
}
