using GoDocker.Core.Diagnostics;
using GoDocker.Core.GoEnv;

namespace GoDocker.Core.Verification;

/// <summary>
/// One step of a module fetch to probe: where, why, what the separator after it means, through which HTTP proxy
/// (HTTPS_PROXY as Go's client applies it, after NO_PROXY), and which module version to ask for.
/// Built from the Go environment model by <see cref="ProbePlan"/>; tests build them directly.
/// </summary>
public sealed record ProbeTarget(
    string Label,
    Uri Url,
    ProbeRole Role,
    GoProxyFallback Fallback,
    Uri? HttpProxy,
    string ModulePath,
    string ModuleVersion)
{
    /// <summary>For <see cref="ProbeRole.ChecksumDb"/>: the database name (sum.golang.org).</summary>
    public string? ChecksumDbName { get; init; }

    /// <summary>
    /// For <see cref="ProbeRole.ChecksumDb"/>: the ways to the database in the go command's order, each proxy's
    /// <c>/sumdb/&lt;name&gt;/supported</c> first; without routes the database is asked directly at <see cref="Url"/>.
    /// </summary>
    public IReadOnlyList<ChecksumDbRoute> ChecksumDbRoutes { get; init; } = [];

    /// <summary>Where the project names this endpoint (the GoProxy, GoSumDb or GoPrivate line), for its diagnostics.</summary>
    public SourceLocation? Setting { get; init; }

    /// <summary>The go.mod requirement of <see cref="ModulePath"/>, for diagnostics about the module itself.</summary>
    public SourceLocation? Requirement { get; init; }

    public override string ToString() => Role == ProbeRole.Off ? Label : $"{Label} ({Url})";
}

/// <summary>One way to a checksum database: through a proxy (<see cref="SupportedUrl"/> set) or directly.</summary>
public sealed record ChecksumDbRoute(string Label, Uri BaseUrl, Uri? SupportedUrl, GoProxyFallback Fallback, Uri? HttpProxy);
