using GoDocker.Core.Classification;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.Docker;
using GoDocker.Core.Downloads;
using GoDocker.Core.Projects;
using GoDocker.Core.Tests.Projects;

namespace GoDocker.Core.Tests.Docker;

/// <summary>GD5007: an engine that answers, but with an API before BuildKit (1.39).</summary>
public sealed class DockerEngineTooOldTests
{
    private const string ExpectedMessage = "The Docker engine API version 1.38 is older than 1.39, the first with BuildKit. Upgrade Docker.";

    [Fact]
    public async Task The_engine_check_reports_GD5007_with_the_engines_API_version()
    {
        await using var engine = new OldDockerEngine();

        var e = await Assert.ThrowsAsync<DiagnosticException>(() =>
            new DockerEngineProbe(new DockerEndpoint(engine.Uri)).CheckAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));

        Assert.True(e.Diagnostic.Code == "GD5007", $"{e.Diagnostic}; engine saw: {string.Join(", ", engine.Requests)}");
        Assert.Equal(DiagnosticSeverity.Error, e.Diagnostic.Severity);
        Assert.Equal(ExpectedMessage, e.Diagnostic.Message);
        Assert.Contains("GET /version", engine.Requests);
    }

    /// <summary>
    /// Through the download stage as the build task and `godocker download` run it: the real docker CLI reaches the
    /// engine, says only "buildkit not supported by daemon", and the engine's API then tells which version it runs.
    /// </summary>
    [Fact]
    public async Task The_download_stage_reports_GD5007_when_the_docker_CLI_meets_an_engine_without_BuildKit()
    {
        const string docker = "/usr/bin/docker";
        if (OperatingSystem.IsWindows() || !File.Exists(docker))
        {
            if (Environment.GetEnvironmentVariable("GODOCKER_REQUIRE_DOCKER") == "1")
            {
                Assert.Fail($"GODOCKER_REQUIRE_DOCKER=1 but {docker} (a docker CLI with built-in BuildKit) is missing");
            }

            Assert.Skip($"{docker} (a docker CLI before 23.0, with built-in BuildKit) is not installed (apt-get install docker.io)");
        }

        await using var engine = new OldDockerEngine();
        using var project = new GoProjectFixture()
            .Set(ProjectSettingCatalog.GoDownload.Name, "Docker")
            .WriteFile("obj/godocker/Dockerfile", "FROM scratch\n");

        // The CLI child inherits this process's environment; a wrapper points it (and only it) at the old engine.
        var cli = Path.Combine(project.Outside, "docker");
        File.WriteAllText(cli, $"#!/bin/sh\nDOCKER_HOST='{engine.Uri}' exec {docker} \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(cli, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var (settings, read) = project.Read();
        Assert.DoesNotContain(read, d => d.IsError);
        var stage = new DownloadStage(new ProjectOutputClassifier(), new DockerEndpoint(engine.Uri),
            new DockerCliLocator(name => name == "GODOCKER_DOCKER_CLI" ? cli : Environment.GetEnvironmentVariable(name)));
        var log = new CollectingLog();

        var outcome = await stage.RunAsync(DownloadRequest.For(settings, Path.Combine(project.ProjectDirectory, "obj/godocker/Dockerfile")), log, TestContext.Current.CancellationToken);

        Assert.False(outcome.Succeeded);
        var diagnostic = Assert.Single(outcome.Diagnostics);
        Assert.True(diagnostic.Code == "GD5007", $"{diagnostic}\n{string.Join("\n", log.Lines)}");
        Assert.Equal(ExpectedMessage, diagnostic.Message);
        Assert.Contains(log.Lines, l => l.Contains("buildkit not supported by daemon", StringComparison.Ordinal));
    }

    private sealed class CollectingLog : IOperationLog
    {
        public List<string> Lines { get; } = [];
        public void Progress(string text) => Lines.Add(text);
        public void Detail(string text) => Lines.Add(text);
        public void Report(Diagnostic diagnostic) => Lines.Add(diagnostic.ToString());
    }
}
