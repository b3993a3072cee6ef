namespace GoDocker.Core.Diagnostics;

/// <summary>
/// Where Core reports progress and diagnostics; the MSBuild task logs to MSBuild, the CLI to the console.
/// </summary>
public interface IOperationLog
{
    /// <summary>Progress a user watching the build wants to see (docker steps, probe results).</summary>
    void Progress(string text);

    /// <summary>Detail for a diagnostic log (-v:d) only.</summary>
    void Detail(string text);

    void Report(Diagnostic diagnostic);
}
