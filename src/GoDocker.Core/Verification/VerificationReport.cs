using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Verification;

/// <summary>The outcome of one verify: every endpoint with its phases, the diagnostics that matter, and the verdict.</summary>
public sealed record VerificationReport(
    IReadOnlyList<EndpointReport> Endpoints,
    DownloadVerdict Verdict,
    IReadOnlyList<Diagnostic> Diagnostics,
    TimeSpan Duration)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}
