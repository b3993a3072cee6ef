namespace GoDocker.Core.Verification;

/// <summary>The phases one GET went through and, when it got that far, the server's answer.</summary>
public sealed record PhasedAnswer(IReadOnlyList<PhaseResult> Phases, HttpAnswer? Answer)
{
    /// <summary>The phase that stopped the request, when one did.</summary>
    public PhaseResult? FailedPhase => Phases.FirstOrDefault(p => !p.Passed);
}
