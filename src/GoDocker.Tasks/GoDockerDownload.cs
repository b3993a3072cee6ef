using GoDocker.Core.Diagnostics;
using GoDocker.Core.Operations;
using Microsoft.Build.Framework;

namespace GoDocker.Tasks;

/// <summary>Runs the Dockerfile's deps stage (or the host's go) and reports failures at the lines to change.</summary>
public sealed class GoDockerDownload : GoProjectTask
{
    /// <summary>True when modules were downloaded, so the target may write its stamp; false when skipped or failed.</summary>
    [Output]
    public bool Downloaded { get; set; }

    protected override async System.Threading.Tasks.Task ExecuteAsync(IOperationLog log, CancellationToken cancellationToken)
    {
        var project = LoadProject();
        if (project.HasErrors)
        {
            return; // GoDockerGenerate reported them.
        }
        var outcome = await DownloadOperation.RunAsync(project, ProxyGatewayAssembly, log, cancellationToken).ConfigureAwait(false);
        foreach (var d in outcome.Diagnostics)
        {
            log.Report(d);
        }
        Downloaded = outcome.Succeeded;
    }
}
