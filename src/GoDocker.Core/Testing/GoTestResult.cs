namespace GoDocker.Core.Testing;

/// <summary>
/// One test (or subtest, named <c>TestA/sub</c>) of a go test run: its outcome and the lines it printed.
/// <see cref="Finished"/> is false for a test the run never ended, such as the one running when the binary timed out.
/// </summary>
public sealed record GoTestResult(string Package, string Name, GoTestOutcome Outcome, TimeSpan Duration, string Output)
{
    public bool Finished { get; init; } = true;

    public DateTimeOffset? Started { get; init; }

    /// <summary>The top-level test function: <c>TestA</c> for <c>TestA/sub</c>.</summary>
    public string Function => Name.Split('/')[0];

    public bool IsSubtest => Name.Contains('/', StringComparison.Ordinal);
}
