using System.Diagnostics;
using GoDocker.Core.Compilation;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.Docker;
using GoDocker.Core.Dockerfiles;
using GoDocker.Core.Projects;

namespace GoDocker.Core.Operations;

/// <summary>
/// Compile, as `dotnet build` (GoDockerCompile) and `godocker build` both run it: the generated Dockerfile's build
/// stage (go build, then go vet unless GoVet is false) under BuildKit with the module and build cache mounts; Go's
/// errors come back at their .go file, line and column. Cancelling kills the docker child.
/// </summary>
public static class CompileOperation
{
    public static async Task<CompileOutcome> RunAsync(GoProject project, IOperationLog log, CancellationToken cancellationToken, DockerCliLocator? cliLocator = null, string? gatewayAssembly = null)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(log);
        var settings = project.Settings;
        var stopwatch = Stopwatch.StartNew();
        if (settings.Download is GoDownloadMode.Off or GoDownloadMode.Local)
        {
            // The project asked for no Docker; the build stage needs it.
            log.Progress($"Build stage skipped: GoDownload is {settings.Download}.");
            return new CompileOutcome(CompileOutcomeKind.Skipped, [], stopwatch.Elapsed);
        }

        DockerCli cli;
        var stateDirectory = Path.GetDirectoryName(Path.GetFullPath(settings.DockerfilePath))!;
        try
        {
            cli = await new ContainerEngineSelector(cliLocator).SelectAsync(settings, stateDirectory, cancellationToken).ConfigureAwait(false);
        }
        catch (DiagnosticException e)
        {
            return Unusable(e.Diagnostic, settings, log, stopwatch);
        }

        if (await new BuildxBuilderProbe().CheckAsync(cli, settings, log.Detail, cancellationToken).ConfigureAwait(false) is { } builderProblem)
        {
            return new CompileOutcome(CompileOutcomeKind.Failed, [builderProblem], stopwatch.Elapsed);
        }

        var command = DockerBuildCommand.For(settings, settings.DockerfilePath).WithTarget(DockerfileWriter.BuildStage).WithProgress("plain");
        // One platform is enough to check the code (and the Docker CLI without buildx refuses several at once).
        command = command with { Platforms = command.Platforms.IsEmpty ? [] : [command.Platforms[0]] };
        log.Progress($"Building in Docker: {settings.BaseImage}, target {DockerfileWriter.BuildStage}{(settings.Vet ? ", with go vet" : "")}");
        // GoModCacheMode=Gateway: the build stage needs the deps stage, which downloads through the build's gateway.
        var result = await BuildGateways.BuildGateway.AroundAsync(gatewayAssembly, settings, log,
            gateway => new DockerBuildRunner(cli).RunAsync(command.WithGateway(gateway).BuildArgumentsFor(cli), command.ContextDirectory, log.Progress,
                command.WithGateway(gateway).ProcessEnvironment, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (result.Succeeded)
        {
            log.Progress($"Build stage finished in {result.Duration.TotalSeconds:0.0} s.");
            return new CompileOutcome(CompileOutcomeKind.Succeeded, [], stopwatch.Elapsed);
        }
        if (DockerEngineProbe.IsEngineUnreachable(result.Output))
        {
            var why = await new DockerEngineProbe(DockerEndpoint.FromEnvironment()).DiagnoseAsync(TimeSpan.FromSeconds(10), result.Output, cancellationToken).ConfigureAwait(false);
            return Unusable(why, settings, log, stopwatch);
        }

        var moduleDirectory = ContextPath.Relative(settings.DockerContext, Path.GetDirectoryName(Path.GetFullPath(settings.GoModFile))!);
        var diagnostics = GoCompileOutput.Parse(result.Output, new GoSourceMap(settings.DockerContext, moduleDirectory));
        if (!diagnostics.Any(d => d.IsError))
        {
            var at = settings.Positions.Property(ProjectSettingCatalog.GoMainPackage.Name);
            diagnostics = diagnostics.Add(DiagnosticCatalog.GoBuildFailed.Create(at, GoCompileOutput.Tail(result.Output)));
        }
        return new CompileOutcome(CompileOutcomeKind.Failed, diagnostics, stopwatch.Elapsed);
    }

    /// <summary>Docker cannot run the stage: with GoDownload=Docker that fails the build; Auto already warned in the download step.</summary>
    private static CompileOutcome Unusable(Diagnostic why, GoProjectSettings settings, IOperationLog log, Stopwatch stopwatch)
    {
        if (settings.Download == GoDownloadMode.Docker)
        {
            return new CompileOutcome(CompileOutcomeKind.Failed, [why], stopwatch.Elapsed);
        }
        log.Progress($"Build stage skipped: Docker is not usable ({why.Message}).");
        return new CompileOutcome(CompileOutcomeKind.Skipped, [], stopwatch.Elapsed);
    }
}
