using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.GoEnv;

/// <summary>
/// The answer to "for module M, which endpoints will the go command contact, in what order, and which checksum
/// database will it consult". Steps are tried in order; each step's fallback says when the next one is tried.
/// </summary>
public sealed record ModuleFetchPlan(string ModulePath, IReadOnlyList<FetchStep> Steps, ChecksumDbPlan ChecksumDb)
{
    /// <summary>Set when the go command cannot fetch at all: an invalid GOPROXY (its error) or GOPROXY=off.</summary>
    public string? BlockedBy { get; init; }

    /// <summary>True when GOPROXY=off (or an invalid GOPROXY) prevents any download of this module.</summary>
    public bool IsBlocked => BlockedBy is not null;

    /// <summary>The diagnostic for a blocked module: GD1011 for GOPROXY=off, GD1001 for an invalid GOPROXY, at the GOPROXY setting.</summary>
    public Diagnostic? BlockedDiagnostic { get; init; }

    /// <summary>True when the module matches GONOPROXY (or GOPRIVATE) and is fetched from its origin only.</summary>
    public bool IsPrivate { get; init; }
}
