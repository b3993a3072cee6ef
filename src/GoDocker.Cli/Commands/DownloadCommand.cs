using System.CommandLine;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.Operations;

namespace GoDocker.Cli.Commands;

/// <summary>`godocker download`: writes the Dockerfile and runs its deps stage (or the host's go), as the build's generate and download steps do.</summary>
internal static class DownloadCommand
{
    public static Command Create()
    {
        var projectOption = CommonOptions.Project();
        var format = CommonOptions.Format();
        var verbose = CommonOptions.Verbose();
        var command = new Command("download", "Run the module download stage: docker build --target deps with BuildKit, or go mod download on the host.")
        {
            projectOption, format, verbose,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var log = new ConsoleOperationLog(parse.GetValue(verbose), quiet: false);
            var project = await ProjectContext.LoadAsync(parse.GetValue(projectOption), cancellationToken);
            var diagnostics = new List<Diagnostic>(project.Diagnostics);
            var generated = await GenerateOperation.RunAsync(project, cancellationToken);
            diagnostics.AddRange(generated.Diagnostics);
            if (generated.Dockerfile is not null)
            {
                var outcome = await DownloadOperation.RunAsync(project, ProjectContext.GatewayAssembly, log, cancellationToken);
                diagnostics.AddRange(outcome.Diagnostics);
                log.Progress($"Download {outcome.Kind.ToString().ToLowerInvariant()} ({outcome.Runner}, {outcome.Duration.TotalSeconds:0.0} s).");
            }
            return DiagnosticPrinter.Print(diagnostics, parse.GetValue(format), Console.Out, project.Settings.ProjectDirectory, project.Settings.ProjectPath);
        });
        return command;
    }
}
