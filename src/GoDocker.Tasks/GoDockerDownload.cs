using GoDocker.Core.Diagnostics;
using GoDocker.Core.Dockerfiles;
using GoDocker.Core.LocalProxy;
using GoDocker.Core.Classification;
using GoDocker.Core.Downloads;
using Microsoft.Build.Framework;

namespace GoDocker.Tasks;

/// <summary>Runs the Dockerfile's deps stage (or the host's go) and reports failures at the lines to change.</summary>
public sealed class GoDockerDownload : GoProjectTask
{
    [Required]
    public string DockerfilePath { get; set; } = "";

    /// <summary>True when modules were downloaded, so the target may write its stamp; false when skipped or failed.</summary>
    [Output]
    public bool Downloaded { get; set; }

    protected override async System.Threading.Tasks.Task ExecuteAsync(IOperationLog log, CancellationToken cancellationToken)
    {
        var (settings, diagnostics) = ReadSettings();
        if (diagnostics.Any(d => d.IsError))
        {
            return;
        }
        var request = DownloadRequest.For(settings, DockerfilePath);
        var outcome = await BuildGateway.AroundAsync(GatewayLaunch(), settings, log,
            () => new DownloadStage(new ProjectOutputClassifier()).RunAsync(request, log, cancellationToken), cancellationToken).ConfigureAwait(false);
        foreach (var d in outcome.Diagnostics)
        {
            log.Report(d);
        }
        Downloaded = outcome.Succeeded;
    }
}
