using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Reporting;

/// <summary>
/// Writes diagnostics as JSON (the --format json of docs/cli.md): an envelope <c>{"diagnostics":[...]}</c> holding one object per diagnostic
/// <c>{"code","severity","message","file","line","column","endLine","endColumn","helpLink"}</c>.
/// Other reports (verify's probe results) extend the envelope through <c>writeExtra</c> or by calling
/// <see cref="WriteDiagnosticsProperty"/> inside their own object. Every key is always present (null when unknown)
/// so scripts can rely on the shape.
/// </summary>
public static class DiagnosticJsonWriter
{
    /// <summary>Options every report writer uses: readable quotes and non-ASCII text, indented when asked.</summary>
    public static JsonWriterOptions Options(bool indented = true) => new()
    {
        Indented = indented,
        // Reports go to files and consoles, not into HTML, so keep quotes and non-ASCII readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The severity word used in JSON and text output.</summary>
    public static string SeverityName(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "info",
    };

    public static void WriteDiagnostic(Utf8JsonWriter writer, Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(diagnostic);
        var location = diagnostic.Location;
        writer.WriteStartObject();
        writer.WriteString("code", diagnostic.Code);
        writer.WriteString("severity", SeverityName(diagnostic.Severity));
        writer.WriteString("message", diagnostic.Message);
        if (location is null)
        {
            writer.WriteNull("file");
        }
        else
        {
            writer.WriteString("file", location.File);
        }
        WritePosition(writer, "line", location?.Line);
        WritePosition(writer, "column", location?.Column);
        WritePosition(writer, "endLine", location?.EndLine);
        WritePosition(writer, "endColumn", location?.EndColumn);
        writer.WriteString("helpLink", diagnostic.HelpLink);
        writer.WriteEndObject();
    }

    /// <summary>Writes <c>"diagnostics": [...]</c> into an object the caller has opened.</summary>
    public static void WriteDiagnosticsProperty(Utf8JsonWriter writer, IEnumerable<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(diagnostics);
        writer.WritePropertyName("diagnostics");
        writer.WriteStartArray();
        foreach (var diagnostic in diagnostics)
        {
            WriteDiagnostic(writer, diagnostic);
        }
        writer.WriteEndArray();
    }

    /// <summary>Writes the whole envelope; <paramref name="writeExtra"/> adds properties after "diagnostics".</summary>
    public static void Write(Utf8JsonWriter writer, IEnumerable<Diagnostic> diagnostics, Action<Utf8JsonWriter>? writeExtra = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        WriteDiagnosticsProperty(writer, diagnostics);
        writeExtra?.Invoke(writer);
        writer.WriteEndObject();
        writer.Flush();
    }

    public static void Write(Stream stream, IEnumerable<Diagnostic> diagnostics, Action<Utf8JsonWriter>? writeExtra = null, bool indented = true)
    {
        using var writer = new Utf8JsonWriter(stream, Options(indented));
        Write(writer, diagnostics, writeExtra);
    }

    public static string ToJson(IEnumerable<Diagnostic> diagnostics, Action<Utf8JsonWriter>? writeExtra = null, bool indented = true)
    {
        using var stream = new MemoryStream();
        Write(stream, diagnostics, writeExtra, indented);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    // 0 means "unknown" in SourceLocation; JSON says so with null rather than an invalid 0 position.
    private static void WritePosition(Utf8JsonWriter writer, string name, int? value)
    {
        if (value is > 0)
        {
            writer.WriteNumber(name, value.Value);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
