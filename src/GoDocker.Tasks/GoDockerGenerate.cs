using GoDocker.Core.Diagnostics;
using GoDocker.Core.Operations;

namespace GoDocker.Tasks;

/// <summary>
/// Parses and checks the project (reporting every settings diagnostic once per build), then writes the Dockerfile,
/// its .dockerignore and the inputs hash, each only when its content changes, so their timestamps drive the
/// incremental verify and download targets.
/// </summary>
public sealed class GoDockerGenerate : GoProjectTask
{
    protected override async System.Threading.Tasks.Task ExecuteAsync(IOperationLog log, CancellationToken cancellationToken)
    {
        var project = LoadProject();
        foreach (var d in project.Diagnostics)
        {
            log.Report(d);
        }
        var generated = await GenerateOperation.RunAsync(project, cancellationToken).ConfigureAwait(false);
        foreach (var d in generated.Diagnostics)
        {
            log.Report(d);
        }
        if (generated.Dockerfile is not null)
        {
            log.Detail($"Dockerfile: {project.Settings.DockerfilePath}");
        }
    }
}
