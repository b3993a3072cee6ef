using System.Diagnostics;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Verification;

/// <summary>
/// Verifies every endpoint at once: endpoints run in parallel, phases in order within each, so a blackholed
/// endpoint costs one phase timeout for the whole verify, not one per endpoint.
/// </summary>
public static class EndpointVerifier
{
    /// <summary>Verifies the endpoints the Go environment model plans for one required module version.</summary>
    public static async Task<VerificationReport> RunAsync(ProbePlan plan, VerificationOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var report = await RunAsync(plan.Targets, options, cancellationToken).ConfigureAwait(false);
        return plan.Blockers.Count == 0 ? report : report with { Diagnostics = [.. plan.Blockers, .. report.Diagnostics] };
    }

    public static async Task<VerificationReport> RunAsync(IReadOnlyList<ProbeTarget> targets, VerificationOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(options);
        var stopwatch = Stopwatch.StartNew();
        var trust = CertificateTrust.Load(options);

        var running = targets.Select(t => Task.Run(() => GoProxyProtocolProbe.RunAsync(t, trust, options.PhaseTimeout, cancellationToken), cancellationToken)).ToArray();
        var endpoints = await Task.WhenAll(running).ConfigureAwait(false);

        var path = endpoints.Where(e => e.Target.Role != ProbeRole.ChecksumDb).ToArray();
        var databases = endpoints.Where(e => e.Target.Role == ProbeRole.ChecksumDb).ToArray();
        var (verdict, diagnostics) = DownloadPathJudge.Judge(path, databases);
        stopwatch.Stop();
        return new VerificationReport(endpoints, verdict, [.. trust.Diagnostics, .. diagnostics], stopwatch.Elapsed);
    }
}
