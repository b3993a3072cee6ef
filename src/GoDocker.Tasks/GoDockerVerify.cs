using GoDocker.Core.Diagnostics;
using GoDocker.Core.BuildGateways;
using GoDocker.Core.Verification;

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
        var report = await BuildGateway.AroundAsync(GatewayLaunch(), settings, log,
            () => ProjectVerification.RunAsync(settings, cancellationToken), cancellationToken).ConfigureAwait(false);
        foreach (var endpoint in report.Endpoints)
        {
            log.Progress($"Verify: {endpoint.Target}: {endpoint.Summary}");
        }
        log.Progress($"Verify: {report.Verdict.Summary}");
        foreach (var d in report.Diagnostics)
        {
            log.Report(d);
        }
    }
}
