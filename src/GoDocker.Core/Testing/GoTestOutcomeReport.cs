using System.Collections.Immutable;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Testing;

/// <summary>What a test run gives its front end: the run (null when go test never ran), its diagnostics, the TRX file and the summary line.</summary>
public sealed record GoTestOutcomeReport(GoTestRun? Run, ImmutableArray<Diagnostic> Diagnostics, string? TrxPath, string Summary)
{
    public bool Succeeded => Run is { Succeeded: true } && !Diagnostics.Any(d => d.IsError);
}
