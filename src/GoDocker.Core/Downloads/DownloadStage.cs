using System.Collections.Immutable;
using System.Diagnostics;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.Docker;
using GoDocker.Core.Projects;

namespace GoDocker.Core.Downloads;

/// <summary>
/// Runs `go mod download` where the project says: in Docker (the Dockerfile's deps stage under BuildKit, with its
/// module cache mount), on the host, or not at all; and turns a failure into diagnostics.
/// </summary>
public sealed class DownloadStage
{
    private readonly IDownloadFailureClassifier _classifier;
    private readonly DockerEndpoint _endpoint;
    private readonly DockerCliLocator _cliLocator;
    private readonly LocalModuleDownloader _local;

    public DownloadStage(IDownloadFailureClassifier classifier, DockerEndpoint? endpoint = null, DockerCliLocator? cliLocator = null, LocalModuleDownloader? local = null)
    {
        _classifier = classifier;
        _endpoint = endpoint ?? DockerEndpoint.FromEnvironment();
        _cliLocator = cliLocator ?? new DockerCliLocator();
        _local = local ?? new LocalModuleDownloader();
    }

    public async Task<DownloadOutcome> RunAsync(DownloadRequest request, IOperationLog log, CancellationToken cancellationToken)
    {
        var settings = request.Settings;
        var stopwatch = Stopwatch.StartNew();
        switch (settings.Download)
        {
            case GoDownloadMode.Off:
                return new DownloadOutcome(DownloadOutcomeKind.Skipped, "off", [], stopwatch.Elapsed);
            case GoDownloadMode.Local:
                return await RunLocalAsync(settings, log, stopwatch, cancellationToken).ConfigureAwait(false);
        }

        // The happy path starts one process: the (remembered) BuildKit CLI running the deps stage. The engine is asked
        // through its API only when that build cannot reach it, to say exactly why.
        DockerCli cli;
        try
        {
            cli = await new ContainerEngineSelector(_cliLocator, endpoint: _endpoint).SelectAsync(settings, request.StateDirectory, cancellationToken).ConfigureAwait(false);
            log.Detail($"Using {cli}");
        }
        catch (DiagnosticException e)
        {
            return await DockerUnusableAsync(e.Diagnostic, settings, log, stopwatch, cancellationToken).ConfigureAwait(false);
        }

        // Before the build: a builder that cannot run it (or reach a loopback GoProxy) fails in seconds, at the setting.
        if (await new BuildxBuilderProbe().CheckAsync(cli, settings, log.Detail, cancellationToken).ConfigureAwait(false) is { } builderProblem)
        {
            return new DownloadOutcome(DownloadOutcomeKind.Failed, "docker", [builderProblem], stopwatch.Elapsed);
        }

        log.Progress($"Downloading modules in Docker: {settings.BaseImage}, target {Dockerfiles.DockerfileWriter.DepsStage}");
        var result = await new DockerBuildRunner(cli)
            .RunAsync(request.Command.BuildArgumentsFor(cli), request.Command.ContextDirectory, log.Progress, request.Command.ProcessEnvironment, cancellationToken)
            .ConfigureAwait(false);
        if (result.Succeeded)
        {
            log.Progress($"Module download stage finished in {result.Duration.TotalSeconds:0.0} s.");
            if (request.Command.InlineCacheImageFor(cli) is { } cacheImage
                && await InlineCacheImagePush.RunAsync(cli, cacheImage, request.Command.CacheToLocation, log.Progress, cancellationToken).ConfigureAwait(false) is { } pushFailed)
            {
                return new DownloadOutcome(DownloadOutcomeKind.Failed, "docker", [pushFailed], stopwatch.Elapsed);
            }
            return new DownloadOutcome(DownloadOutcomeKind.Succeeded, "docker", [], stopwatch.Elapsed);
        }
        if (DockerEngineProbe.IsEngineUnreachable(result.Output))
        {
            var diagnostic = await new DockerEngineProbe(_endpoint).DiagnoseAsync(request.EngineTimeout, result.Output, cancellationToken).ConfigureAwait(false);
            return await DockerUnusableAsync(diagnostic, settings, log, stopwatch, cancellationToken).ConfigureAwait(false);
        }
        var diagnostics = _classifier.Classify(result.Output, settings);
        return new DownloadOutcome(DownloadOutcomeKind.Failed, "docker", [.. diagnostics], stopwatch.Elapsed);
    }

    /// <summary>Docker cannot run the stage: Auto falls back to the host's go (or skips with a warning); Docker fails.</summary>
    private async Task<DownloadOutcome> DockerUnusableAsync(Diagnostic why, GoProjectSettings settings, IOperationLog log, Stopwatch stopwatch, CancellationToken cancellationToken)
    {
        if (settings.Download != GoDownloadMode.Auto)
        {
            return new DownloadOutcome(DownloadOutcomeKind.Failed, "docker", [why], stopwatch.Elapsed);
        }
        if (await _local.IsAvailableAsync(cancellationToken).ConfigureAwait(false))
        {
            log.Progress($"Docker is not usable ({why.Message}); downloading modules with the host's go instead.");
            return await RunLocalAsync(settings, log, stopwatch, cancellationToken).ConfigureAwait(false);
        }
        var skipped = DiagnosticCatalog.DownloadSkipped.Create(settings.Positions.Property(ProjectSettingCatalog.GoDownload.Name),
            $"{why.Message} No usable 'go' on PATH either ({_local.LastProblem ?? "go version failed"}). Set GoDownload=Off to silence this");
        return new DownloadOutcome(DownloadOutcomeKind.Skipped, "none", [skipped], stopwatch.Elapsed);
    }

    private async Task<DownloadOutcome> RunLocalAsync(GoProjectSettings settings, IOperationLog log, Stopwatch stopwatch, CancellationToken cancellationToken)
    {
        log.Progress("Downloading modules with the host's go command.");
        var result = await _local.RunAsync(settings, log.Progress, cancellationToken).ConfigureAwait(false);
        if (result.Succeeded)
        {
            return new DownloadOutcome(DownloadOutcomeKind.Succeeded, "local", [], stopwatch.Elapsed);
        }
        return new DownloadOutcome(DownloadOutcomeKind.Failed, "local", [.. _classifier.Classify(result.Output, settings)], stopwatch.Elapsed);
    }
}
