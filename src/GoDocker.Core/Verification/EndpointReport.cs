using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Verification;

/// <summary>What verifying one endpoint found: each phase with its timing, the outcome, and the diagnostics.</summary>
public sealed record EndpointReport(
    ProbeTarget Target,
    IReadOnlyList<PhaseResult> Phases,
    EndpointStatus Status,
    string Summary,
    IReadOnlyList<Diagnostic> Diagnostics)
{
    public HttpAnswer? Answer { get; init; }

    public TimeSpan Duration => Phases.Aggregate(TimeSpan.Zero, (total, phase) => total + phase.Duration);
}
