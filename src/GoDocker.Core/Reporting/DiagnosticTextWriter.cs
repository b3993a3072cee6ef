using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Reporting;

/// <summary>
/// Writes diagnostics in the canonical compiler form (<c>file(line,col): error GDnnnn: message</c>), one per line, which
/// MSBuild, IDEs and CI log parsers recognise; multi-line messages are indented so each diagnostic stays one block.
/// </summary>
public static class DiagnosticTextWriter
{
    public static void Write(TextWriter output, IEnumerable<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(diagnostics);
        foreach (var diagnostic in diagnostics)
        {
            var lines = diagnostic.ToString().Split('\n');
            output.WriteLine(lines[0].TrimEnd('\r'));
            foreach (var line in lines.Skip(1))
            {
                output.WriteLine("    " + line.TrimEnd('\r'));
            }
        }
    }

    public static string ToText(IEnumerable<Diagnostic> diagnostics)
    {
        using var output = new StringWriter { NewLine = "\n" };
        Write(output, diagnostics);
        return output.ToString();
    }
}
