using System.Collections.Immutable;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Compilation;

/// <summary>What the build stage did: compiled (and vetted), was skipped (no Docker wanted or usable), or failed with diagnostics.</summary>
public sealed record CompileOutcome(CompileOutcomeKind Kind, ImmutableArray<Diagnostic> Diagnostics, TimeSpan Duration)
{
    public bool Succeeded => Kind is CompileOutcomeKind.Succeeded;
}

public enum CompileOutcomeKind
{
    Succeeded,
    Skipped,
    Failed,
}
