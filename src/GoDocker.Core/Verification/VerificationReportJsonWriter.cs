using System.Text;
using System.Text.Json;
using GoDocker.Core.GoEnv;
using GoDocker.Core.Reporting;

namespace GoDocker.Core.Verification;

/// <summary>
/// Writes a verify report as the diagnostics JSON envelope plus "verdict" and "endpoints" (each with its phases,
/// outcomes and timings), so scripts read the same diagnostics as every other command and the probe results next to them.
/// </summary>
public static class VerificationReportJsonWriter
{
    public static string ToJson(VerificationReport report, bool indented = true)
    {
        using var stream = new MemoryStream();
        Write(stream, report, indented);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void Write(Stream stream, VerificationReport report, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(report);
        DiagnosticJsonWriter.Write(stream, report.Diagnostics, writer => WriteProbeResults(writer, report), indented);
    }

    private static void WriteProbeResults(Utf8JsonWriter writer, VerificationReport report)
    {
        writer.WriteBoolean("hasErrors", report.HasErrors);
        writer.WriteNumber("durationMs", Math.Round(report.Duration.TotalMilliseconds, 1));
        writer.WriteStartObject("verdict");
        writer.WriteBoolean("canDownload", report.Verdict.CanDownload);
        writer.WriteString("summary", report.Verdict.Summary);
        writer.WriteStartArray("steps");
        foreach (var step in report.Verdict.Steps)
        {
            writer.WriteStringValue(step);
        }
        writer.WriteEndArray();
        writer.WriteEndObject();

        writer.WriteStartArray("endpoints");
        foreach (var endpoint in report.Endpoints)
        {
            var target = endpoint.Target;
            writer.WriteStartObject();
            writer.WriteString("label", target.Label);
            writer.WriteString("url", Redact(target.Url));
            writer.WriteString("role", Camel(target.Role.ToString()));
            writer.WriteString("fallback", target.Fallback == GoProxyFallback.OnAnyError ? "|" : ",");
            if (target.HttpProxy is null)
            {
                writer.WriteNull("httpProxy");
            }
            else
            {
                writer.WriteString("httpProxy", Redact(target.HttpProxy));
            }
            writer.WriteString("module", $"{target.ModulePath}@{target.ModuleVersion}");
            writer.WriteString("status", Camel(endpoint.Status.ToString()));
            writer.WriteString("summary", endpoint.Summary);
            writer.WriteNumber("durationMs", Math.Round(endpoint.Duration.TotalMilliseconds, 1));
            writer.WriteStartArray("phases");
            foreach (var phase in endpoint.Phases)
            {
                writer.WriteStartObject();
                writer.WriteString("phase", ProbePhaseNames.Of(phase.Phase));
                writer.WriteString("outcome", Camel(phase.Outcome.ToString()));
                writer.WriteNumber("durationMs", Math.Round(phase.Duration.TotalMilliseconds, 1));
                writer.WriteString("detail", phase.Detail);
                writer.WriteStartArray("codes");
                foreach (var diagnostic in phase.Diagnostics)
                {
                    writer.WriteStringValue(diagnostic.Code);
                }
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    // Reports end up in CI logs: never print a password from a proxy URL.
    private static string Redact(Uri uri) =>
        string.IsNullOrEmpty(uri.UserInfo) ? uri.ToString() : new UriBuilder(uri) { UserName = "xxxxx", Password = "" }.Uri.ToString();
}
