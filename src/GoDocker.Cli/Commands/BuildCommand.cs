using System.CommandLine;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.Downloads;
using GoDocker.Core.Operations;

namespace GoDocker.Cli.Commands;

/// <summary>`godocker build`: writes the Dockerfile, runs its deps stage, then its build stage (go build, go vet), as `dotnet build` does.</summary>
internal static class BuildCommand
{
    public static Command Create()
    {
        var projectOption = CommonOptions.Project();
        var format = CommonOptions.Format();
        var verbose = CommonOptions.Verbose();
        var command = new Command("build", "Compile the Go code in Docker: the download stage, then docker build --target build (go build, and go vet unless GoVet is false).")
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
            if (generated.Dockerfile is not null && !diagnostics.Any(d => d.IsError))
            {
                var download = await DownloadOperation.RunAsync(project, ProjectContext.GatewayAssembly, log, cancellationToken);
                diagnostics.AddRange(download.Diagnostics);
                if (download.Kind != DownloadOutcomeKind.Failed)
                {
                    var compile = await CompileOperation.RunAsync(project, log, cancellationToken, gatewayAssembly: ProjectContext.GatewayAssembly);
                    diagnostics.AddRange(compile.Diagnostics);
                    log.Progress($"Build {compile.Kind.ToString().ToLowerInvariant()} ({compile.Duration.TotalSeconds:0.0} s).");
                }
            }
            return DiagnosticPrinter.Print(diagnostics, parse.GetValue(format), Console.Out, project.Settings.ProjectDirectory, project.Settings.ProjectPath);
        });
        return command;
    }
}
