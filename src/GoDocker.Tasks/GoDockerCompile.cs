using GoDocker.Core.Diagnostics;
using GoDocker.Core.Operations;
using Microsoft.Build.Framework;

namespace GoDocker.Tasks;

/// <summary>Runs the Dockerfile's build stage (go build, go vet) and reports Go's errors at their .go lines.</summary>
public sealed class GoDockerCompile : GoProjectTask
{
    /// <summary>True when the build stage ran and succeeded, so the target may write its stamp.</summary>
    [Output]
    public bool Compiled { get; set; }

    protected override async System.Threading.Tasks.Task ExecuteAsync(IOperationLog log, CancellationToken cancellationToken)
    {
        var project = LoadProject();
        if (project.HasErrors)
        {
            return; // GoDockerGenerate reported them.
        }
        var outcome = await CompileOperation.RunAsync(project, log, cancellationToken, gatewayAssembly: ProxyGatewayAssembly).ConfigureAwait(false);
        foreach (var d in outcome.Diagnostics)
        {
            log.Report(d);
        }
        Compiled = outcome.Succeeded;
    }
}
