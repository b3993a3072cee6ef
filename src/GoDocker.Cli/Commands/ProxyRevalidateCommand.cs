using System.CommandLine;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.Reporting;
using GoDocker.ProxyGateway.CommandLine;
using GoDocker.ProxyGateway.Hosting;

namespace GoDocker.Cli.Commands;

/// <summary>
/// `godocker proxy revalidate`: re-checks every pinned file of a gateway cache against its upstreams once, so a
/// re-published version (GD3050) is found without waiting for a cache miss. Exit 1 when any content changed.
/// Safe to run from cron next to the gateway serving the same cache: it never writes to the cache.
/// </summary>
internal static class ProxyRevalidateCommand
{
    public static Command Create()
    {
        var cache = ProxyCommand.CacheOption();
        var upstreams = new GatewayUpstreamOptions();
        var format = CommonOptions.Format();
        var command = new Command("revalidate",
            "Fetch every pinned .info/.mod/.zip again and report upstream content changes (GD3050); exit 1 when any changed.")
        {
            cache, format,
        };
        upstreams.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            try
            {
                var folder = parse.GetValue(cache)!;
                if (!Directory.Exists(folder))
                {
                    throw new UsageException($"--cache {folder}: no such folder; give the cache folder the gateway serves.");
                }

                var options = upstreams.ApplyTo(new GatewayOptions { CacheDirectory = folder }, parse);
                if (options.Upstreams.Count == 0)
                {
                    throw new UsageException("revalidate needs --upstream: the upstream list to compare the cache with.");
                }

                var report = await ProxyGatewayHost.RevalidateAsync(options, cancellationToken);
                Write(report, parse.GetValue(format), output, parse.InvocationConfiguration.Error);
                return report.ContentChanged ? ExitCodes.Errors : ExitCodes.Success;
            }
            catch (DiagnosticException e)
            {
                return DiagnosticPrinter.Print([e.Diagnostic], OutputFormat.Text, parse.InvocationConfiguration.Error);
            }
        });
        return command;
    }

    private static void Write(RevalidationReport report, OutputFormat format, TextWriter output, TextWriter error)
    {
        var diagnostics = report.Changed.Select(c => c.Diagnostic).ToArray();
        switch (format)
        {
            case OutputFormat.Json:
                output.WriteLine(DiagnosticJsonWriter.ToJson(diagnostics, writer =>
                {
                    writer.WriteNumber("checked", report.Checked);
                    writer.WriteNumber("skipped", report.Skipped);
                    writer.WriteStartArray("changed");
                    foreach (var file in report.Changed)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("module", file.Module);
                        writer.WriteString("version", file.Version);
                        writer.WriteString("file", file.Key);
                        writer.WriteEndObject();
                    }

                    writer.WriteEndArray();
                    writer.WriteStartArray("unreachable");
                    foreach (var file in report.Unreachable)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("module", file.Module);
                        writer.WriteString("version", file.Version);
                        writer.WriteString("file", file.Key);
                        writer.WriteBoolean("gone", file.Gone);
                        writer.WriteString("reason", file.Reason);
                        writer.WriteEndObject();
                    }

                    writer.WriteEndArray();
                }));
                DiagnosticPrinter.Finish(diagnostics, format);
                break;
            case OutputFormat.Sarif or OutputFormat.Github or OutputFormat.Gitlab:
                // These formats hold diagnostics only; the rest goes where a human running it will see it.
                DiagnosticPrinter.Print(diagnostics, format, output);
                WriteUnreachable(report, error);
                error.WriteLine($"revalidate: {report.Summary}");
                break;
            default:
                DiagnosticPrinter.Print(diagnostics, format, output);
                WriteUnreachable(report, output);
                output.WriteLine($"revalidate: {report.Summary}");
                break;
        }
    }

    private static void WriteUnreachable(RevalidationReport report, TextWriter output)
    {
        foreach (var file in report.Unreachable)
        {
            output.WriteLine($"unreachable: {(file.Version.Length > 0 ? $"{file.Module}@{file.Version}" : file.Module)} {file.Key}: {(file.Gone ? "gone upstream" : "no answer")}: {file.Reason}");
        }
    }
}
