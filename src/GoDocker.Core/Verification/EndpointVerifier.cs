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

        var running = targets.Select(t => Task.Run(() => GoProxyProtocolProbe.RunAsync(t, trust, options.PhaseTimeout, cancellationToken, options.Credentials, options.BuildSecrets, options.ExplainRefusal), cancellationToken)).ToArray();
        // Alongside, so a stalled Go-sized ClientHello costs no time beyond the slowest endpoint.
        var helloChecks = ClientHelloChecks(targets, options, cancellationToken);
        var endpoints = await Task.WhenAll(running).ConfigureAwait(false);
        var stalls = (await Task.WhenAll(helloChecks).ConfigureAwait(false)).OfType<Diagnostic>().ToArray();
        endpoints = endpoints.Select(e => e with { Diagnostics = e.Diagnostics.Select(d => ProbeDiagnosticPositions.Place(d, e.Target, options)).ToArray() }).ToArray();

        var path = endpoints.Where(e => e.Target.Role != ProbeRole.ChecksumDb).ToArray();
        var databases = endpoints.Where(e => e.Target.Role == ProbeRole.ChecksumDb).ToArray();
        var (verdict, judged) = DownloadPathJudge.Judge(path, databases);
        // What the verdict itself says (fall-through, no path left) is about the GOPROXY list.
        var goProxy = targets.FirstOrDefault(t => t.Role != ProbeRole.ChecksumDb)?.Setting;
        var diagnostics = goProxy is null ? judged : judged.Select(d => d.Location is null ? d.At(goProxy) : d).ToArray();
        stopwatch.Stop();
        return new VerificationReport(endpoints, verdict, [.. trust.Diagnostics, .. diagnostics, .. stalls], stopwatch.Elapsed);
    }

    /// <summary>
    /// GD4021 for each HTTPS endpoint (asked directly, not through HTTPS_PROXY) that answers a classic ClientHello
    /// but not the Go-sized one the image's Go sends; only when that Go sends a post-quantum key share.
    /// </summary>
    private static Task<Diagnostic?>[] ClientHelloChecks(IReadOnlyList<ProbeTarget> targets, VerificationOptions options, CancellationToken cancellationToken)
    {
        if (options.PostQuantumKeyShare is not { } share)
        {
            return [];
        }
        return targets
            .Where(t => t.Role != ProbeRole.Off && t.Url.Scheme == Uri.UriSchemeHttps && t.HttpProxy is null)
            .DistinctBy(t => t.Url.GetLeftPart(UriPartial.Authority))
            .Select(t => Task.Run(async () =>
                await ClientHelloSizeProbe.RunAsync(t.Url, t.ToString(), share, options.PhaseTimeout, cancellationToken).ConfigureAwait(false) is { } found
                    ? ProbeDiagnosticPositions.Place(found, t, options)
                    : null, cancellationToken))
            .ToArray();
    }
}
