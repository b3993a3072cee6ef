using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Reporting;

/// <summary>
/// Writes diagnostics as a GitLab Code Quality report (<c>artifacts:reports:codequality</c>): a JSON array of
/// <c>{"description","check_name","fingerprint","severity","location":{"path","lines":{"begin"}}}</c>.
/// The fingerprint hashes the code, the workspace-relative path, the message (with the workspace written as '.') and the
/// occurrence number, never absolute paths or line numbers, so the same problem keeps its fingerprint across runners and
/// edits elsewhere in the file, and GitLab can tell new problems from fixed ones.
/// </summary>
public static class GitLabCodeQualityWriter
{
    /// <summary>GitLab's severities: info, minor, major, critical, blocker. An error fails the build, so it is critical.</summary>
    public static string SeverityName(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "critical",
        DiagnosticSeverity.Warning => "minor",
        _ => "info",
    };

    /// <param name="workspace">The repository root paths are made relative to (CI_PROJECT_DIR in GitLab CI).</param>
    /// <param name="defaultPath">Where a diagnostic without a file points (the project file); GitLab requires a path.</param>
    public static string ToJson(IEnumerable<Diagnostic> diagnostics, string? workspace, string? defaultPath = null)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, DiagnosticJsonWriter.Options()))
        {
            var occurrences = new Dictionary<string, int>(StringComparer.Ordinal);
            writer.WriteStartArray();
            foreach (var diagnostic in diagnostics)
            {
                var path = WorkspacePath.Relative(diagnostic.Location?.File ?? defaultPath ?? ".", workspace);
                var message = Portable(diagnostic.Message, workspace);
                var identity = $"{diagnostic.Code}\0{(Path.IsPathRooted(path) ? Path.GetFileName(path) : path)}\0{message}";
                occurrences[identity] = occurrences.GetValueOrDefault(identity) + 1;

                writer.WriteStartObject();
                writer.WriteString("description", $"{diagnostic.Code}: {diagnostic.Message}");
                writer.WriteString("check_name", diagnostic.Code);
                writer.WriteString("fingerprint", Fingerprint($"{identity}\0{occurrences[identity]}"));
                writer.WriteString("severity", SeverityName(diagnostic.Severity));
                writer.WriteStartObject("location");
                writer.WriteString("path", path);
                writer.WriteStartObject("lines");
                writer.WriteNumber("begin", Math.Max(1, diagnostic.Location?.Line ?? 1));
                writer.WriteEndObject();
                writer.WriteEndObject();
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    // Messages may name files by absolute path; the checkout folder differs per runner.
    private static string Portable(string message, string? workspace) =>
        string.IsNullOrEmpty(workspace) ? message : message.Replace(Path.TrimEndingDirectorySeparator(Path.GetFullPath(workspace)), ".", StringComparison.Ordinal);

    private static string Fingerprint(string identity) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(identity))).ToLowerInvariant();
}
