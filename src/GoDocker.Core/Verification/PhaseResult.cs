using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Verification;

/// <summary>What one phase of a probe measured: how it ended, how long it took, and what it saw.</summary>
public sealed record PhaseResult(ProbePhase Phase, ProbeOutcome Outcome, TimeSpan Duration, string Detail, Diagnostic? Diagnostic = null)
{
    public bool Passed => Outcome == ProbeOutcome.Passed;

    /// <summary>Everything the phase found; a TLS phase can find several problems at once (expired and wrong name).</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; init; } = Diagnostic is null ? [] : [Diagnostic];

    /// <summary>For a TLS phase that got a certificate: the issuer of the server's leaf, to compare paths (GD4023).</summary>
    public string? LeafIssuer { get; init; }

    public override string ToString() => $"{Phase} {Outcome} in {Duration.TotalMilliseconds:0} ms: {Detail}";
}

/// <summary>A phase result together with what the next phase needs from it (addresses, a stream, an answer).</summary>
public sealed record ProbeResult<T>(PhaseResult Phase, T? Value)
{
    public bool Passed => Phase.Passed && Value is not null;
}
