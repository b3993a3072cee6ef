using GoDocker.Core.Classification;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.Docker;
using GoDocker.Core.Downloads;
using GoDocker.Core.Projects;
using GoDocker.Core.Tests.Projects;

namespace GoDocker.Core.Tests.Downloads;

/// <summary>The download stage the generate step prepares, and how the download runs it without reading the settings.</summary>
public sealed class PreparedDownloadTests : IDisposable
{
    private readonly GoProjectFixture _project = new();

    [Fact]
    public void A_prepared_stage_reads_back_as_the_command_the_settings_define()
    {
        var request = Request(_project.Set(ProjectPropertyNames.GoDockerNetwork, "host").Set(ProjectPropertyNames.GoDownload, "Docker"));
        var file = Path.Combine(_project.ProjectDirectory, "obj", "download.prepared");

        PreparedDownload.For(request).Write(file);
        var read = PreparedDownload.TryRead(file, request.Command.DockerfilePath);

        Assert.NotNull(read);
        Assert.Equal(GoDownloadMode.Docker, read.Mode);
        Assert.Equal(request.Settings.DockerContext, read.ContextDirectory);
        Assert.Equal(request.Command.BuildArguments, read.BuildArguments);
        Assert.Contains("host", read.BuildArguments);
    }

    [Fact]
    public void A_missing_or_foreign_prepared_stage_is_not_used()
    {
        var request = Request(_project);
        var file = Path.Combine(_project.ProjectDirectory, "obj", "download.prepared");

        Assert.Null(PreparedDownload.TryRead(file, request.Command.DockerfilePath));
        PreparedDownload.For(request).Write(file);
        Assert.Null(PreparedDownload.TryRead(file, Path.Combine(_project.ProjectDirectory, "other", "Dockerfile")));
        File.WriteAllText(file, "mode=Docker\n");
        Assert.Null(PreparedDownload.TryRead(file, request.Command.DockerfilePath));
    }

    [Fact]
    public async Task A_prepared_stage_that_succeeds_never_reads_the_settings()
    {
        var request = Request(_project);
        var reads = 0;

        var outcome = await Stage(FakeDocker(exitCode: 0, output: "#1 DONE 0.0s")).RunAsync(PreparedDownload.For(request),
            () => { reads++; return request.Settings; }, _project.ProjectDirectory, TimeSpan.FromSeconds(5), new NullLog(), TestContext.Current.CancellationToken);

        Assert.True(outcome.Succeeded);
        Assert.Equal(0, reads);
    }

    [Fact]
    public async Task A_prepared_stage_that_fails_is_explained_at_the_project_files_like_any_other()
    {
        var request = Request(_project);
        var reads = 0;

        var outcome = await Stage(FakeDocker(exitCode: 1, output: "something odd")).RunAsync(PreparedDownload.For(request),
            () => { reads++; return request.Settings; }, _project.ProjectDirectory, TimeSpan.FromSeconds(5), new NullLog(), TestContext.Current.CancellationToken);

        Assert.False(outcome.Succeeded);
        Assert.Equal(1, reads);
        var diagnostic = Assert.Single(outcome.Diagnostics);
        Assert.Equal("GD6999", diagnostic.Code);
        Assert.Equal(SourceLocation.Of(request.Settings.GoModFile), diagnostic.Location);
        Assert.Contains("something odd", diagnostic.Message);
    }

    public void Dispose() => _project.Dispose();

    private static DownloadRequest Request(GoProjectFixture project)
    {
        var (settings, diagnostics) = project.Read();
        Assert.DoesNotContain(diagnostics, d => d.IsError);
        return DownloadRequest.For(settings, Path.Combine(project.ProjectDirectory, "obj", "godocker", "Dockerfile"));
    }

    private static DownloadStage Stage(string dockerCli) =>
        new(new ProjectOutputClassifier(), cliLocator: new DockerCliLocator(name => name == "GODOCKER_DOCKER_CLI" ? dockerCli : null));

    /// <summary>A docker CLI stand-in: a 20.10 client with buildx whose build prints one line and exits with the given code.</summary>
    private string FakeDocker(int exitCode, string output)
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("the docker CLI stand-in is a POSIX shell script");
        }
        var path = Path.Combine(_project.Outside, "docker");
        File.WriteAllText(path, $"#!/bin/sh\ncase \"$1\" in version) echo 20.10.24; exit 0;; buildx) [ \"$2\" = version ] && exit 0;; esac\necho '{output}' >&2\nexit {exitCode}\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return path;
    }

    private sealed class NullLog : IOperationLog
    {
        public void Progress(string text) { }
        public void Detail(string text) { }
        public void Report(Diagnostic diagnostic) { }
    }
}
