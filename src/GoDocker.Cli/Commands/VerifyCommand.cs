using System.CommandLine;
using System.Globalization;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.Preflight;

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
        var command = new Command("verify", "Check that every endpoint the go command will contact answers: DNS, TCP, TLS and HTTP.")
        {
            project, format, verbose, timeout,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var log = new ConsoleOperationLog(parse.GetValue(verbose), quiet: parse.GetValue(format) != OutputFormat.Text);
            var context = await ProjectContext.LoadAsync(parse.GetValue(project), cancellationToken);
            var diagnostics = new List<Diagnostic>(context.SettingsDiagnostics);
            if (!diagnostics.Any(d => d.IsError))
            {
                var settings = parse.GetValue(timeout) is { } seconds && seconds > 0
                    ? context.Settings with { VerifyTimeout = TimeSpan.FromSeconds(seconds) }
                    : context.Settings;
                foreach (var result in await new ProxyReachabilityCheck().CheckAsync(settings, cancellationToken))
                {
                    Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(result.Reachable ? "ok  " : "FAIL")}  {result.Proxy}  {result.Detail}"));
                    if (result.Diagnostic is { } d)
                    {
                        diagnostics.Add(d);
                    }
                }
            }
            return DiagnosticPrinter.Print(diagnostics, parse.GetValue(format), Console.Out, context.Settings.ProjectDirectory);
        });
        return command;
    }
}
