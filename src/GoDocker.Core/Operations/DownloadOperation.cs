using GoDocker.Core.BuildGateways;
using GoDocker.Core.Classification;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.Downloads;
using GoDocker.Core.Projects;

namespace GoDocker.Core.Operations;

/// <summary>
/// Download, as `dotnet build` (GoDockerDownload) and `godocker download` both run it: the generated Dockerfile's
/// deps stage (or the host's go), with the build's own gateway serving when the project starts one.
/// </summary>
public static class DownloadOperation
{
    public static async Task<DownloadOutcome> RunAsync(GoProject project, string? gatewayAssembly, IOperationLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        var settings = project.Settings;
        var request = DownloadRequest.For(settings, settings.DockerfilePath);
        return await BuildGateway.AroundAsync(gatewayAssembly, settings, log,
            gateway => new DownloadStage(new ProjectOutputClassifier()).RunAsync(request with { Command = request.Command.WithGateway(gateway) }, log, cancellationToken), cancellationToken).ConfigureAwait(false);
    }
}
