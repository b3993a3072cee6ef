using System.CommandLine;
using System.Globalization;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.Docker;
using GoDocker.Core.Reporting;
using GoDocker.Core.Verification;
using Spectre.Console;

namespace GoDocker.Cli.Commands;

/// <summary>`godocker verify`: the preflight of the build, from a terminal or CI.</summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var project = CommonOptions.Project();
        var format = CommonOptions.Format();
        var verbose = CommonOptions.Verbose();
        var timeout = new Option<double?>("--timeout") { Description = "Seconds per probe phase (default: GoVerifyTimeout, else 5)." };
        var inContainer = new Option<bool>("--in-container")
        {
            Description = "Also run the checks inside the base image with the build's network and Go environment (needs Docker).",
        };
        var command = new Command("verify", "Check that every endpoint the go command will contact answers: DNS, TCP, TLS and HTTP.")
        {
            project, format, verbose, timeout, inContainer,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var outputFormat = parse.GetValue(format);
            var context = await ProjectContext.LoadAsync(parse.GetValue(project), cancellationToken);
            var diagnostics = new List<Diagnostic>(context.SettingsDiagnostics);
            if (diagnostics.Any(d => d.IsError))
            {
                return DiagnosticPrinter.Print(diagnostics, outputFormat, Console.Out, context.Settings.ProjectDirectory);
            }
            var settings = context.Settings;
            if (parse.GetValue(timeout) is { } seconds)
            {
                if (seconds <= 0 || double.IsNaN(seconds))
                {
                    Console.Error.WriteLine("godocker: --timeout must be a number of seconds greater than zero.");
                    return ExitCodes.Usage;
                }
                settings = settings with { VerifyTimeout = TimeSpan.FromSeconds(seconds) };
            }

            var report = await ProjectVerification.RunAsync(settings, cancellationToken);
            diagnostics.AddRange(report.Diagnostics);
            ContainerPreflightResult? container = null;
            if (parse.GetValue(inContainer))
            {
                container = await ProjectVerification.RunInContainerAsync(settings, DockerEndpoint.FromEnvironment(), cancellationToken);
                diagnostics.AddRange(container?.Diagnostics ?? []);
            }

            switch (outputFormat)
            {
                case OutputFormat.Json:
                    Console.Out.WriteLine(VerificationReportJsonWriter.ToJson(report with { Diagnostics = diagnostics }));
                    break;
                case OutputFormat.Sarif:
                    Console.Out.WriteLine(SarifLogWriter.ToSarif(diagnostics, new SarifLogOptions(settings.ProjectDirectory, ToolInfo.Version)));
                    break;
                default:
                    WriteText(report, container, diagnostics);
                    break;
            }
            return DiagnosticPrinter.ExitCodeFor(diagnostics);
        });
        return command;
    }

    private static void WriteText(VerificationReport report, ContainerPreflightResult? container, IReadOnlyList<Diagnostic> diagnostics)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        var table = new Table().AddColumns("Endpoint", "Phases", "Result");
        foreach (var endpoint in report.Endpoints)
        {
            var phases = string.Join("  ", endpoint.Phases.Select(p => string.Create(CultureInfo.InvariantCulture,
                $"{p.Phase} {(p.Passed ? "ok" : p.Outcome.ToString().ToLowerInvariant())} {p.Duration.TotalMilliseconds:0}ms")));
            table.AddRow(Markup.Escape(endpoint.Target.ToString()), Markup.Escape(phases), Markup.Escape(endpoint.Summary));
        }
        console.Write(table);
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Verdict: {report.Verdict.Summary} ({report.Duration.TotalSeconds:0.0} s)"));
        if (container is not null)
        {
            console.WriteLine($"In {container.Image}: go {container.GoVersion ?? "?"}, CA bundle {container.CaBundle ?? "missing"}, download {(container.Downloaded ? "ok" : "failed")}");
        }
        if (diagnostics.Count > 0)
        {
            console.WriteLine();
            console.WriteLine("What to change:");
            DiagnosticTextWriter.Write(Console.Out, diagnostics);
        }
    }
}
