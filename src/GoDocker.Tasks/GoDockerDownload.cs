using GoDocker.Core.Diagnostics;
using GoDocker.Core.BuildGateways;
using GoDocker.Core.Classification;
using GoDocker.Core.Downloads;
using GoDocker.Core.Projects;
using Microsoft.Build.Framework;

namespace GoDocker.Tasks;

/// <summary>Runs the Dockerfile's deps stage (or the host's go) and reports failures at the lines to change.</summary>
public sealed class GoDockerDownload : GoProjectTask
{
    [Required]
    public string DockerfilePath { get; set; } = "";

    /// <summary>The stage GoDockerGenerate prepared from the checked settings; read instead of the settings when present.</summary>
    public string PreparedDownloadFile { get; set; } = "";

    /// <summary>True when modules were downloaded, so the target may write its stamp; false when skipped or failed.</summary>
    [Output]
    public bool Downloaded { get; set; }

    protected override async System.Threading.Tasks.Task ExecuteAsync(IOperationLog log, CancellationToken cancellationToken)
    {
        // The generate step runs first and stops the build on invalid settings, and it rewrites the prepared stage
        // whenever a setting changes, so a prepared stage for this Dockerfile is the one the settings define. Reading
        // and checking every setting again (the project XML for positions included) cost more than a cached stage
        // takes to run, so it happens only when the stage fails and its output needs explaining.
        var prepared = PreparedDownloadFile.Length > 0 && !StartProxy ? PreparedDownload.TryRead(PreparedDownloadFile, DockerfilePath) : null;
        DownloadOutcome outcome;
        if (prepared is not null)
        {
            var stateDirectory = Path.GetDirectoryName(Path.GetFullPath(DockerfilePath));
            var settings = new Lazy<GoProjectSettings>(() => ReadSettings().Settings);
            outcome = await new DownloadStage(new ProjectOutputClassifier())
                .RunAsync(prepared, () => settings.Value, stateDirectory, DownloadRequest.DefaultEngineTimeout, log, cancellationToken)
                .ConfigureAwait(false);
        }
        else
        {
            var (settings, diagnostics) = ReadSettings();
            if (diagnostics.Any(d => d.IsError))
            {
                return;
            }
            var request = DownloadRequest.For(settings, DockerfilePath);
            outcome = await BuildGateway.AroundAsync(GatewayLaunch(), settings, log,
                () => new DownloadStage(new ProjectOutputClassifier()).RunAsync(request, log, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        foreach (var d in outcome.Diagnostics)
        {
            log.Report(d);
        }
        Downloaded = outcome.Succeeded;
    }
}
