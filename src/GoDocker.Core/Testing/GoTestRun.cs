using System.Collections.Immutable;

namespace GoDocker.Core.Testing;

/// <summary>Everything one <c>go test -json</c> run reported: its tests, its packages and stray stderr lines.</summary>
public sealed record GoTestRun(ImmutableArray<GoTestResult> Tests, ImmutableArray<GoTestPackageResult> Packages, ImmutableArray<string> OtherErrors)
{
    public int Passed => Tests.Count(t => t.Outcome == GoTestOutcome.Passed);
    public int Failed => Tests.Count(t => t.Outcome == GoTestOutcome.Failed);
    public int Skipped => Tests.Count(t => t.Outcome == GoTestOutcome.Skipped);
    public int Total => Tests.Length;

    public bool Succeeded => Failed == 0 && Packages.All(p => p.Outcome != GoTestOutcome.Failed && p.BuildFailure is null) && OtherErrors.IsEmpty;

    /// <summary>The summary line, in the shape dotnet test prints for a .NET test project.</summary>
    public string Summary(string name) =>
        $"{(Succeeded ? "Passed!" : "Failed!")}  - Failed: {Failed,5}, Passed: {Passed,5}, Skipped: {Skipped,5}, Total: {Total,5} - {name}";
}
