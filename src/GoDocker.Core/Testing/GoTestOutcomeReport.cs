using System.Collections.Immutable;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Testing;

/// <summary>What a test run gives its front end: the run (null when go test never ran), its diagnostics, the TRX file and the summary line.</summary>
public sealed record GoTestOutcomeReport(GoTestRun? Run, ImmutableArray<Diagnostic> Diagnostics, string? TrxPath, string Summary)
{
    public bool Succeeded => Run is { Succeeded: true } && !Diagnostics.Any(d => d.IsError);

    /// <summary>The diagnostic at the _test.go line of a failed test (GD8020/GD8021), if the run found one.</summary>
    public Diagnostic? FailureOf(GoTestResult test) =>
        Diagnostics.FirstOrDefault(d => (d.Descriptor == DiagnosticCatalog.GoTestFailed || d.Descriptor == DiagnosticCatalog.GoTestPanicked)
            && d.Message.StartsWith(test.Name + " ", StringComparison.Ordinal));

    /// <summary>The errors no single test owns: docker, a package that did not build, go test's own failure.</summary>
    public IEnumerable<Diagnostic> RunErrors =>
        Diagnostics.Where(d => d.IsError && d.Descriptor != DiagnosticCatalog.GoTestFailed && d.Descriptor != DiagnosticCatalog.GoTestPanicked);
}
