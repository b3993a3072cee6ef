using GoDocker.Core.BuildGateways;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.Docker;
using GoDocker.Core.Projects;
using GoDocker.Core.Verification;

namespace GoDocker.Core.Operations;

/// <summary>
/// Verify, as `dotnet build` (GoDockerVerify) and `godocker verify` both run it: every endpoint of the project's Go
/// environment, with the build's own gateway serving when the project starts one, and optionally the same checks
/// inside the base image.
/// </summary>
public static class VerifyOperation
{
    public static async Task<VerifyResult> RunAsync(GoProject project, VerifyRequest request, IOperationLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(request);
        if (project.HasErrors)
        {
            return new VerifyResult(null, null, []);
        }
        var settings = request.PhaseTimeout is { } timeout ? project.Settings with { VerifyTimeout = timeout } : project.Settings;
        return await BuildGateway.AroundAsync(request.GatewayAssembly, settings, log, async () =>
        {
            var report = await ProjectVerification.RunAsync(settings, cancellationToken).ConfigureAwait(false);
            ContainerPreflightResult? container = null;
            if (request.InContainer)
            {
                container = await ProjectVerification.RunInContainerAsync(settings, request.Engine ?? DockerEndpoint.FromEnvironment(), cancellationToken).ConfigureAwait(false);
            }
            return new VerifyResult(report, container, [.. report.Diagnostics, .. container?.Diagnostics ?? []]);
        }, cancellationToken).ConfigureAwait(false);
    }
}
