using System.Collections.Immutable;

namespace GoDocker.Core.Testing;

/// <summary>
/// One package of a go test run: its outcome, what it printed outside any test, and, when its tests did not build,
/// the compiler's lines for it.
/// </summary>
public sealed record GoTestPackageResult(string Package, GoTestOutcome? Outcome, string Output)
{
    /// <summary>go test printed <c>FAIL pkg [build failed]</c> or <c>[setup failed]</c>.</summary>
    public string? BuildFailure { get; init; }

    public ImmutableArray<GoCompilerMessage> CompilerMessages { get; init; } = [];

    /// <summary>The binary's own <c>panic: test timed out after …</c> line, when it timed out.</summary>
    public string? Timeout { get; init; }

    /// <summary>No test files (go test's <c>[no test files]</c>).</summary>
    public bool NoTestFiles { get; init; }
}
