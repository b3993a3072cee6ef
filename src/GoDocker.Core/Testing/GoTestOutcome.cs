namespace GoDocker.Core.Testing;

/// <summary>How one Go test ended, in go test -json's words (pass, fail, skip).</summary>
public enum GoTestOutcome
{
    Passed,
    Failed,
    Skipped,
}
