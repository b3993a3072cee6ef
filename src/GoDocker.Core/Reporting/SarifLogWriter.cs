using System.Reflection;
using System.Text;
using System.Text.Json;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Reporting;

/// <summary>
/// Writes diagnostics as a SARIF 2.1.0 log: one run whose tool driver is <c>godocker</c>, one rule per code used
/// (sorted by code, help URI = the code's docs page) and one result per diagnostic, in input order.
/// Output depends only on the inputs, so CI can diff and upload it (GitHub code scanning, Azure DevOps).
/// </summary>
public static class SarifLogWriter
{
    public const string Version = "2.1.0";
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";
    public const string ToolName = "godocker";
    public const string ToolInformationUri = "https://github.com/godocker-sdk/godocker-sdk";

    /// <summary>The uriBaseId under which files below <see cref="SarifLogOptions.BaseDirectory"/> are written.</summary>
    public const string ProjectRootBaseId = "PROJECTROOT";

    public static void Write(Stream stream, IEnumerable<Diagnostic> diagnostics, SarifLogOptions? options = null)
    {
        using var writer = new Utf8JsonWriter(stream, DiagnosticJsonWriter.Options(options?.Indented ?? true));
        Write(writer, diagnostics, options);
    }

    public static string ToSarif(IEnumerable<Diagnostic> diagnostics, SarifLogOptions? options = null)
    {
        using var stream = new MemoryStream();
        Write(stream, diagnostics, options);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void Write(Utf8JsonWriter writer, IEnumerable<Diagnostic> diagnostics, SarifLogOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(diagnostics);
        options ??= new SarifLogOptions();
        var results = diagnostics.ToList();
        var rules = results.Select(d => d.Descriptor)
            .DistinctBy(d => d.Code)
            .OrderBy(d => d.Code, StringComparer.Ordinal)
            .ToList();
        var ruleIndex = rules.Select((rule, index) => (rule.Code, index)).ToDictionary(p => p.Code, p => p.index, StringComparer.Ordinal);
        var baseDirectory = options.BaseDirectory is null ? null : WithTrailingSeparator(Path.GetFullPath(options.BaseDirectory));

        writer.WriteStartObject();
        writer.WriteString("$schema", SchemaUri);
        writer.WriteString("version", Version);
        writer.WriteStartArray("runs");
        writer.WriteStartObject();

        writer.WriteStartObject("tool");
        writer.WriteStartObject("driver");
        writer.WriteString("name", ToolName);
        writer.WriteString("informationUri", ToolInformationUri);
        writer.WriteString("version", options.ToolVersion ?? DefaultToolVersion());
        writer.WriteStartArray("rules");
        foreach (var rule in rules)
        {
            WriteRule(writer, rule);
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();

        if (baseDirectory is not null)
        {
            writer.WriteStartObject("originalUriBaseIds");
            writer.WriteStartObject(ProjectRootBaseId);
            writer.WriteString("uri", new Uri(baseDirectory).AbsoluteUri);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteStartArray("results");
        foreach (var diagnostic in results)
        {
            WriteResult(writer, diagnostic, ruleIndex[diagnostic.Code], baseDirectory);
        }
        writer.WriteEndArray();

        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
    }

    public static string Level(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "note",
    };

    private static void WriteRule(Utf8JsonWriter writer, DiagnosticDescriptor rule)
    {
        writer.WriteStartObject();
        writer.WriteString("id", rule.Code);
        writer.WriteString("name", RuleName(rule.Title));
        writer.WriteStartObject("shortDescription");
        writer.WriteString("text", rule.Title);
        writer.WriteEndObject();
        writer.WriteString("helpUri", rule.HelpLink);
        writer.WriteStartObject("defaultConfiguration");
        writer.WriteString("level", Level(rule.Severity));
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter writer, Diagnostic diagnostic, int ruleIndex, string? baseDirectory)
    {
        writer.WriteStartObject();
        writer.WriteString("ruleId", diagnostic.Code);
        writer.WriteNumber("ruleIndex", ruleIndex);
        writer.WriteString("level", Level(diagnostic.Severity));
        writer.WriteStartObject("message");
        writer.WriteString("text", diagnostic.Message);
        writer.WriteEndObject();
        if (diagnostic.Location is { } location && !string.IsNullOrEmpty(location.File))
        {
            writer.WriteStartArray("locations");
            writer.WriteStartObject();
            writer.WriteStartObject("physicalLocation");
            WriteArtifactLocation(writer, location.File, baseDirectory);
            WriteRegion(writer, location);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }

    private static void WriteArtifactLocation(Utf8JsonWriter writer, string file, string? baseDirectory)
    {
        writer.WriteStartObject("artifactLocation");
        if (Path.IsPathFullyQualified(file))
        {
            var full = Path.GetFullPath(file);
            if (baseDirectory is not null && full.StartsWith(baseDirectory, StringComparison.Ordinal))
            {
                writer.WriteString("uri", RelativeUri(full[baseDirectory.Length..]));
                writer.WriteString("uriBaseId", ProjectRootBaseId);
            }
            else
            {
                writer.WriteString("uri", new Uri(full).AbsoluteUri);
            }
        }
        else
        {
            writer.WriteString("uri", RelativeUri(file));
        }
        writer.WriteEndObject();
    }

    // SARIF regions are 1-based; a 0 in SourceLocation means unknown, so that field is left out
    // (a location without a line points at the whole file).
    private static void WriteRegion(Utf8JsonWriter writer, SourceLocation location)
    {
        if (location.Line <= 0)
        {
            return;
        }
        writer.WriteStartObject("region");
        writer.WriteNumber("startLine", location.Line);
        if (location.Column > 0)
        {
            writer.WriteNumber("startColumn", location.Column);
        }
        if (location.EndLine >= location.Line)
        {
            writer.WriteNumber("endLine", location.EndLine);
        }
        if (location.EndColumn > 0)
        {
            writer.WriteNumber("endColumn", location.EndColumn);
        }
        writer.WriteEndObject();
    }

    private static string RelativeUri(string path) =>
        string.Join('/', path.Replace('\\', '/').Split('/').Select(Uri.EscapeDataString));

    private static string WithTrailingSeparator(string path) =>
        Path.EndsInDirectorySeparator(path) ? path : path + Path.DirectorySeparatorChar;

    // "Module version not found" -> "ModuleVersionNotFound": SARIF wants an identifier-like rule name.
    private static string RuleName(string title)
    {
        var name = new StringBuilder(title.Length);
        foreach (var word in title.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var letters = new string(word.Where(char.IsLetterOrDigit).ToArray());
            if (letters.Length > 0)
            {
                name.Append(char.ToUpperInvariant(letters[0])).Append(letters.AsSpan(1));
            }
        }
        return name.ToString();
    }

    private static string DefaultToolVersion()
    {
        var assembly = typeof(SarifLogWriter).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "0.0.0";
        // Drop the "+commit" build metadata so two builds of one version write the same log.
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }
}

/// <summary>How a SARIF log is written.</summary>
/// <param name="BaseDirectory">Files below it are written relative to the PROJECTROOT base id.</param>
/// <param name="ToolVersion">The driver version; defaults to GoDocker.Core's version.</param>
public sealed record SarifLogOptions(string? BaseDirectory = null, string? ToolVersion = null, bool Indented = true);
