using System.Text;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Reporting;

/// <summary>
/// A diagnostic as a GitHub Actions workflow command (<c>::error file=…,line=…,col=…,endLine=…,endColumn=…,title=GDnnnn::message</c>),
/// which the runner turns into an annotation on the pull request. GitHub's MSBuild problem matcher does not match GD's
/// four-number positions, so this line is what makes the annotation appear.
/// </summary>
public static class GitHubWorkflowCommand
{
    /// <summary>True when running as a GitHub Actions step (the runner sets GITHUB_ACTIONS=true).</summary>
    public static bool IsGitHubActions() =>
        string.Equals(Environment.GetEnvironmentVariable("GITHUB_ACTIONS"), "true", StringComparison.OrdinalIgnoreCase);

    public static string CommandName(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "notice",
    };

    /// <summary>The command for <paramref name="diagnostic"/> reported with <paramref name="severity"/> (MSBuild may promote a warning).</summary>
    public static string For(Diagnostic diagnostic, string? workspace, DiagnosticSeverity? severity = null)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        var properties = new List<string>();
        if (diagnostic.Location is { } location)
        {
            properties.Add("file=" + EscapeProperty(WorkspacePath.Relative(location.File, workspace)));
            AddPosition(properties, "line", location.Line);
            AddPosition(properties, "col", location.Column);
            AddPosition(properties, "endLine", location.EndLine);
            AddPosition(properties, "endColumn", location.EndColumn);
        }
        properties.Add("title=" + EscapeProperty(diagnostic.Code));
        return new StringBuilder("::").Append(CommandName(severity ?? diagnostic.Severity)).Append(' ')
            .AppendJoin(',', properties).Append("::").Append(EscapeData(diagnostic.Message)).ToString();
    }

    public static void Write(TextWriter output, IEnumerable<Diagnostic> diagnostics, string? workspace)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(diagnostics);
        foreach (var diagnostic in diagnostics)
        {
            output.WriteLine(For(diagnostic, workspace));
        }
    }

    // The runner's rules (actions/toolkit command.ts): data escapes % CR LF; property values also ':' and ','.
    public static string EscapeData(string value) =>
        value.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    public static string EscapeProperty(string value) =>
        EscapeData(value).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);

    private static void AddPosition(List<string> properties, string name, int value)
    {
        if (value > 0)
        {
            properties.Add(FormattableString.Invariant($"{name}={value}"));
        }
    }
}
