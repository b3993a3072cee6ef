using System.CommandLine;
using System.Globalization;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.Operations;
using GoDocker.Core.Projects;
using GoDocker.Core.Reporting;
using GoDocker.Core.Verification;
using Spectre.Console;

namespace GoDocker.Cli.Commands;

/// <summary>`godocker verify`: the preflight of the build, from a terminal or CI.</summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var projectOption = CommonOptions.Project();
        var format = CommonOptions.Format();
        var verbose = CommonOptions.Verbose();
        var timeout = new Option<string?>("--timeout") { Description = "Seconds per probe phase, more than 0 and at most 3600 (default: GoVerifyTimeout, else 5)." };
        var inContainer = new Option<bool>("--in-container")
        {
            Description = "Also run the checks inside the base image with the build's network and Go environment (needs Docker).",
        };
        var registries = new Option<bool>("--registries")
        {
            Description = "Also probe the registries of GoBaseImage and GoRuntimeImage (DNS, TCP, TLS, GET /v2/), unless the engine holds the image.",
        };
        var command = new Command("verify", "Check that every endpoint the go command will contact answers: DNS, TCP, TLS and HTTP.")
        {
            projectOption, format, verbose, timeout, inContainer, registries,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var outputFormat = parse.GetValue(format);
            TimeSpan? phaseTimeout = null;
            if (parse.GetValue(timeout) is { } timeoutText)
            {
                // The same rule as GoVerifyTimeout's.
                if (!GoProjectSettingsReader.TryParseTimeout(timeoutText, out var parsed))
                {
                    DiagnosticPrinter.Print([DiagnosticCatalog.InvalidCommandLineValue.Create("--timeout", timeoutText, "give a number of seconds greater than 0 and at most 3600")],
                        OutputFormat.Text, Console.Error);
                    return ExitCodes.Usage;
                }
                phaseTimeout = parsed;
            }
            var project = await ProjectContext.LoadAsync(parse.GetValue(projectOption), cancellationToken);
            var settings = project.Settings;
            var diagnostics = new List<Diagnostic>(project.Diagnostics);
            if (project.HasErrors)
            {
                return DiagnosticPrinter.Print(diagnostics, outputFormat, Console.Out, settings.ProjectDirectory, settings.ProjectPath);
            }

            var log = new ConsoleOperationLog(parse.GetValue(verbose), quiet: outputFormat != OutputFormat.Text);
            var result = await VerifyOperation.RunAsync(project, new VerifyRequest
            {
                PhaseTimeout = phaseTimeout,
                InContainer = parse.GetValue(inContainer),
                Registries = parse.GetValue(registries),
                GatewayAssembly = ProjectContext.GatewayAssembly,
            }, log, cancellationToken);
            diagnostics.AddRange(result.Diagnostics);
            var report = result.Report!;
            var container = result.Container;

            switch (outputFormat)
            {
                case OutputFormat.Json:
                    Console.Out.WriteLine(VerificationReportJsonWriter.ToJson(report with { Diagnostics = diagnostics }));
                    break;
                case OutputFormat.Text:
                    WriteText(report, container, diagnostics);
                    break;
                default:
                    // The other formats hold diagnostics only.
                    return DiagnosticPrinter.Print(diagnostics, outputFormat, Console.Out, settings.ProjectDirectory, settings.ProjectPath);
            }
            return DiagnosticPrinter.Finish(diagnostics, outputFormat);
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
