using System.CommandLine;
using GoDocker.Core.Downloads;
using GoDocker.Core.Operations;

namespace GoDocker.Cli.Commands;

/// <summary>`godocker build`: writes the Dockerfile, runs its deps stage, then its build stage (go build, go vet), as `dotnet build` does.</summary>
internal static class BuildCommand
{
    public static Command Create() => ProjectStepsCommand.Create("build",
        "Compile the Go code in Docker: the download stage, then docker build --target build (go build, and go vet unless GoVet is false).",
        async (project, _, log, diagnostics, cancellationToken) =>
        {
            if (diagnostics.Any(d => d.IsError))
            {
                return;
            }
            var download = await DownloadOperation.RunAsync(project, ProjectContext.GatewayAssembly, log, cancellationToken);
            diagnostics.AddRange(download.Diagnostics);
            if (download.Kind != DownloadOutcomeKind.Failed)
            {
                var compile = await CompileOperation.RunAsync(project, log, cancellationToken, gatewayAssembly: ProjectContext.GatewayAssembly);
                diagnostics.AddRange(compile.Diagnostics);
                log.Progress($"Build {compile.Kind.ToString().ToLowerInvariant()} ({compile.Duration.TotalSeconds:0.0} s).");
            }
        });
}
