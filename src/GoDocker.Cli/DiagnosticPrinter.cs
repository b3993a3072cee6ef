using GoDocker.Core.Diagnostics;
using GoDocker.Core.Reporting;

namespace GoDocker.Cli;

/// <summary>Prints diagnostics in the chosen format and picks the exit code.</summary>
internal static class DiagnosticPrinter
{
    public static int Print(IReadOnlyList<Diagnostic> diagnostics, OutputFormat format, TextWriter output, string? baseDirectory = null)
    {
        switch (format)
        {
            case OutputFormat.Json:
                output.WriteLine(DiagnosticJsonWriter.ToJson(diagnostics));
                break;
            case OutputFormat.Sarif:
                output.WriteLine(SarifLogWriter.ToSarif(diagnostics, new SarifLogOptions(baseDirectory, GoDocker.Core.ProductVersion.Current)));
                break;
            default:
                DiagnosticTextWriter.Write(output, diagnostics);
                break;
        }
        return ExitCodeFor(diagnostics);
    }

    public static int ExitCodeFor(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.Any(d => d.IsError) ? ExitCodes.Errors : ExitCodes.Success;
}
