using System.CommandLine;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.Dockerfiles;
using GoDocker.Core.Classification;
using GoDocker.Core.Downloads;

namespace GoDocker.Cli.Commands;

/// <summary>`godocker download`: runs the Dockerfile's deps stage (or the host's go), as the build does.</summary>
internal static class DownloadCommand
{
    public static Command Create()
    {
        var project = CommonOptions.Project();
        var format = CommonOptions.Format();
        var verbose = CommonOptions.Verbose();
        var command = new Command("download", "Run the module download stage: docker build --target deps with BuildKit, or go mod download on the host.")
        {
            project, format, verbose,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var log = new ConsoleOperationLog(parse.GetValue(verbose), quiet: false);
            var context = await ProjectContext.LoadAsync(parse.GetValue(project), cancellationToken);
            var diagnostics = new List<Diagnostic>(context.SettingsDiagnostics);
            if (!diagnostics.Any(d => d.IsError))
            {
                var settings = context.Settings;
                var generated = await DockerfileGeneration.WriteAsync(settings, context.DockerfilePath, cancellationToken, ToolInfo.Version);
                diagnostics.AddRange(generated.Diagnostics);
                if (generated.Dockerfile is null)
                {
                    return DiagnosticPrinter.Print(diagnostics, parse.GetValue(format), Console.Out, settings.ProjectDirectory);
                }
                var request = DownloadRequest.For(settings, context.DockerfilePath);
                var outcome = await new DownloadStage(new ProjectOutputClassifier()).RunAsync(request, log, cancellationToken);
                diagnostics.AddRange(outcome.Diagnostics);
                log.Progress($"Download {outcome.Kind.ToString().ToLowerInvariant()} ({outcome.Runner}, {outcome.Duration.TotalSeconds:0.0} s).");
            }
            return DiagnosticPrinter.Print(diagnostics, parse.GetValue(format), Console.Out, context.Settings.ProjectDirectory);
        });
        return command;
    }
}
