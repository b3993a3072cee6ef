using GoDocker.Core.Diagnostics;
using GoDocker.Core.Preflight;

namespace GoDocker.Tasks;

/// <summary>Checks, before Docker runs, that the endpoints the go command will contact answer.</summary>
public sealed class GoDockerVerify : GoProjectTask
{
    protected override async System.Threading.Tasks.Task ExecuteAsync(IOperationLog log, CancellationToken cancellationToken)
    {
        var (settings, diagnostics) = ReadSettings();
        if (diagnostics.Any(d => d.IsError))
        {
            return; // GoDockerGenerate reported them.
        }
        foreach (var result in await new ProxyReachabilityCheck().CheckAsync(settings, cancellationToken).ConfigureAwait(false))
        {
            if (result.Diagnostic is { } d)
            {
                log.Report(d);
            }
            else
            {
                log.Progress($"Verify: {result.Proxy} answers ({result.Detail}).");
            }
        }
    }
}
