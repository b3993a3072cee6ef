namespace GoDocker.Core.Verification;

/// <summary>How one phase ended. Timeouts are kept apart from other failures because their fix differs.</summary>
public enum ProbeOutcome
{
    Passed,
    Failed,
    TimedOut,
}
