using GoDocker.Core.Diagnostics;
using GoDocker.Core.Operations;

namespace GoDocker.Tasks;

/// <summary>Checks, before Docker runs, that the endpoints the go command will contact answer.</summary>
public sealed class GoDockerVerify : GoProjectTask
{
    protected override async System.Threading.Tasks.Task ExecuteAsync(IOperationLog log, CancellationToken cancellationToken)
    {
        // GoDockerGenerate reported the project's own diagnostics; a project with errors never gets here.
        var project = LoadProject();
        var result = await VerifyOperation.RunAsync(project, new VerifyRequest { GatewayAssembly = ProxyGatewayAssembly, BuildRegistries = true, BeforeBuild = true }, log, cancellationToken).ConfigureAwait(false);
        if (result.Report is { } report)
        {
            foreach (var endpoint in report.Endpoints)
            {
                log.Progress($"Verify: {endpoint.Target}: {endpoint.Summary}");
            }
            log.Progress($"Verify: {report.Verdict.Summary}");
        }
        foreach (var d in result.Diagnostics)
        {
            log.Report(d);
        }
    }
}
