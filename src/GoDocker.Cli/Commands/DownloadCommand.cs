using System.CommandLine;
using GoDocker.Core.Operations;

namespace GoDocker.Cli.Commands;

/// <summary>`godocker download`: writes the Dockerfile and runs its deps stage (or the host's go), as the build's generate and download steps do.</summary>
internal static class DownloadCommand
{
    public static Command Create() => ProjectStepsCommand.Create("download",
        "Run the module download stage: docker build --target deps with BuildKit, or go mod download on the host.",
        async (project, _, log, diagnostics, cancellationToken) =>
        {
            var outcome = await DownloadOperation.RunAsync(project, ProjectContext.GatewayAssembly, log, cancellationToken);
            diagnostics.AddRange(outcome.Diagnostics);
            log.Progress($"Download {outcome.Kind.ToString().ToLowerInvariant()} ({outcome.Runner}, {outcome.Duration.TotalSeconds:0.0} s).");
        });
}
