using GoDocker.Core.BuildGateways;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.Docker;
using GoDocker.Core.Projects;
using GoDocker.Core.Verification;

namespace GoDocker.Core.Operations;

/// <summary>
/// Verify, as `dotnet build` (GoDockerVerify) and `godocker verify` both run it: every endpoint of the project's Go
/// environment, with the build's own gateway serving when the project starts one, and optionally the same checks
/// inside the base image.
/// </summary>
public static class VerifyOperation
{
    public static async Task<VerifyResult> RunAsync(GoProject project, VerifyRequest request, IOperationLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(request);
        if (project.HasErrors)
        {
            return new VerifyResult(null, null, []);
        }
        var settings = request.PhaseTimeout is { } timeout ? project.Settings with { VerifyTimeout = timeout } : project.Settings;
        // The host reaching a loopback GoProxy says nothing when the build runs on a builder with its own network.
        if (await BuilderProblemAsync(settings, log, cancellationToken).ConfigureAwait(false) is { } builderProblem)
        {
            var blocked = new VerificationReport([], new DownloadVerdict(false, [$"the build's builder cannot reach {BuildxBuilderProbe.LoopbackProxy(settings) ?? "its GoProxy"}"]), [builderProblem], TimeSpan.Zero);
            return new VerifyResult(blocked, null, [builderProblem]);
        }
        return await BuildGateway.AroundAsync(request.GatewayAssembly, settings, log, async () =>
        {
            var report = await ProjectVerification.RunAsync(settings, cancellationToken, log.Detail, deferToLayerCache: request.BeforeBuild).ConfigureAwait(false);
            ContainerPreflightResult? container = null;
            if (request.InContainer)
            {
                container = await InContainerAsync(settings, request, cancellationToken).ConfigureAwait(false);
            }
            if (request.Registries || request.BuildRegistries)
            {
                var registries = await RegistriesAsync(settings, buildOnly: !request.Registries, log, cancellationToken).ConfigureAwait(false);
                report = report with { Diagnostics = [.. report.Diagnostics, .. registries] };
            }
            return new VerifyResult(report, container, [.. report.Diagnostics, .. container?.Diagnostics ?? []]);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The checks inside the base image, on the engine the build runs on: Docker's API, or podman's compatible one.</summary>
    private static async Task<ContainerPreflightResult?> InContainerAsync(GoProjectSettings settings, VerifyRequest request, CancellationToken cancellationToken)
    {
        var endpoint = request.Engine;
        if (endpoint is null && settings.ContainerEngine != ContainerEngineChoice.Docker)
        {
            try
            {
                var cli = await new ContainerEngineSelector().SelectAsync(settings, null, cancellationToken).ConfigureAwait(false);
                endpoint = cli.IsPodman ? PodmanApiSocket.Endpoint(settings) : null;
            }
            catch (DiagnosticException e) when (settings.ContainerEngine == ContainerEngineChoice.Podman || e.Diagnostic.Descriptor == DiagnosticCatalog.PodmanApiSocketMissing)
            {
                return new ContainerPreflightResult(settings.BaseImage, null, new Dictionary<string, string>(), null, -1, "", [e.Diagnostic], TimeSpan.Zero);
            }
            catch (DiagnosticException)
            {
                // Auto with no CLI to pick: the engine's API may still answer, as it did before engines were chosen.
            }
        }
        return await ProjectVerification.RunInContainerAsync(settings, endpoint ?? DockerEndpoint.FromEnvironment(), cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<Diagnostic>> RegistriesAsync(GoProjectSettings settings, bool buildOnly, IOperationLog log, CancellationToken cancellationToken)
    {
        if (buildOnly && settings.Download is GoDownloadMode.Off or GoDownloadMode.Local)
        {
            return []; // no docker build runs, so nothing is pulled
        }
        string? docker = null;
        try
        {
            docker = (await new ContainerEngineSelector().SelectAsync(settings, StateFolder(settings), cancellationToken).ConfigureAwait(false)).Path;
        }
        catch (DiagnosticException)
        {
            if (buildOnly)
            {
                return []; // the download step reports the missing CLI (or falls back to the host's go)
            }
            // no docker CLI: every image is pulled, so every registry is probed
        }
        Func<string, CancellationToken, Task<bool>>? notPulled = null;
        if (docker is not null)
        {
            // With no engine answering, the build pulls nothing: GoDownload=Auto runs on the host's go, and otherwise the
            // download step reports the engine (GD5001, GD5011, ...), the cause a registry probe would only hide.
            Task<bool>? engineAnswers = null;
            notPulled = async (image, ct) => await EngineImagePresence.ContainsAsync(docker, image, ct).ConfigureAwait(false)
                || (buildOnly && !await (engineAnswers ??= EngineImagePresence.EngineAnswersAsync(docker, ct)).ConfigureAwait(false));
        }
        return await ProjectVerification.RunRegistriesAsync(settings, notPulled, cancellationToken,
            context: RegistryPullContext.For(docker, text => log.Progress("Verify: " + text)), buildOnly: buildOnly).ConfigureAwait(false);
    }

    private static async Task<Diagnostic?> BuilderProblemAsync(GoProjectSettings settings, IOperationLog log, CancellationToken cancellationToken)
    {
        if (settings.Download is GoDownloadMode.Off or GoDownloadMode.Local
            || (settings.DockerBuilder.Length == 0 && BuildxBuilderProbe.LoopbackProxy(settings) is null))
        {
            return null;
        }
        DockerCli cli;
        try
        {
            cli = await new ContainerEngineSelector().SelectAsync(settings, StateFolder(settings), cancellationToken).ConfigureAwait(false);
        }
        catch (DiagnosticException)
        {
            return null; // no usable docker CLI: the download step says so, or falls back to the host's go
        }
        return await new BuildxBuilderProbe().CheckAsync(cli, settings, log.Detail, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Where the located docker CLI is remembered between builds (beside the generated Dockerfile).</summary>
    private static string? StateFolder(GoProjectSettings settings) =>
        settings.DockerfilePath.Length == 0 ? null : Path.GetDirectoryName(Path.GetFullPath(settings.DockerfilePath))!;
}
