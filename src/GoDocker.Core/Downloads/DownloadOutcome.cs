using System.Collections.Immutable;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Downloads;

/// <summary>What the download stage did: ran (where) and succeeded, was skipped, or failed with diagnostics.</summary>
public sealed record DownloadOutcome(DownloadOutcomeKind Kind, string Runner, ImmutableArray<Diagnostic> Diagnostics, TimeSpan Duration)
{
    public bool Succeeded => Kind is DownloadOutcomeKind.Succeeded;
}

public enum DownloadOutcomeKind
{
    Succeeded,
    Skipped,
    Failed,
}
