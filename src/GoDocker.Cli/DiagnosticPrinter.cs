using GoDocker.Core.Diagnostics;
using GoDocker.Core.Reporting;

namespace GoDocker.Cli;

/// <summary>Prints diagnostics in the chosen format and picks the exit code.</summary>
internal static class DiagnosticPrinter
{
    /// <param name="defaultFile">Where a diagnostic without a file points in a GitLab report (the project file).</param>
    public static int Print(IReadOnlyList<Diagnostic> diagnostics, OutputFormat format, TextWriter output, string? baseDirectory = null, string? defaultFile = null)
    {
        switch (format)
        {
            case OutputFormat.Json:
                output.WriteLine(DiagnosticJsonWriter.ToJson(diagnostics));
                break;
            case OutputFormat.Sarif:
                output.WriteLine(SarifLogWriter.ToSarif(diagnostics, new SarifLogOptions(baseDirectory, GoDocker.Core.ProductVersion.Current)));
                break;
            case OutputFormat.Github:
                GitHubWorkflowCommand.Write(output, diagnostics, WorkspacePath.FromEnvironment() ?? Environment.CurrentDirectory);
                break;
            case OutputFormat.Gitlab:
                output.WriteLine(GitLabCodeQualityWriter.ToJson(diagnostics, WorkspacePath.FromEnvironment() ?? Environment.CurrentDirectory, defaultFile));
                break;
            default:
                DiagnosticTextWriter.Write(output, diagnostics);
                break;
        }
        return Finish(diagnostics, format);
    }

    /// <summary>
    /// For commands that print their own report: on GitHub Actions, writes each diagnostic once as a workflow command
    /// (to stderr, so stdout stays the chosen format; the runner reads both), unless the format already did; then
    /// picks the exit code.
    /// </summary>
    public static int Finish(IReadOnlyList<Diagnostic> diagnostics, OutputFormat format)
    {
        if (format != OutputFormat.Github && GitHubWorkflowCommand.IsGitHubActions())
        {
            GitHubWorkflowCommand.Write(Console.Error, diagnostics, WorkspacePath.FromEnvironment());
        }
        return ExitCodeFor(diagnostics);
    }

    public static int ExitCodeFor(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.Any(d => d.IsError) ? ExitCodes.Errors : ExitCodes.Success;
}
