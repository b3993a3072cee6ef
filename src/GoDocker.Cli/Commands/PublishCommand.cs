using System.CommandLine;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.Operations;

namespace GoDocker.Cli.Commands;

/// <summary>`godocker publish`: the image `dotnet publish` makes, from the same project settings.</summary>
internal static class PublishCommand
{
    public static Command Create()
    {
        var projectOption = CommonOptions.Project();
        var format = CommonOptions.Format();
        var verbose = CommonOptions.Verbose();
        var command = new Command("publish",
            "Build the binary stage and write the image (reproducible with SOURCE_DATE_EPOCH): load it into Docker, push it to GoImageRegistry, or write GoImageArchiveOutputPath.")
        {
            projectOption, format, verbose,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var log = new ConsoleOperationLog(parse.GetValue(verbose), quiet: false);
            var (project, version) = await ProjectContext.LoadForPublishAsync(parse.GetValue(projectOption), cancellationToken);
            var diagnostics = new List<Diagnostic>(project.Diagnostics);
            if (!project.HasErrors)
            {
                var result = await PublishOperation.RunAsync(project, PublishRequest.FromEnvironment(version, ProjectContext.GatewayAssembly), log, cancellationToken);
                diagnostics.AddRange(result.Diagnostics);
                if (result.Succeeded && parse.GetValue(format) == OutputFormat.Text)
                {
                    log.Progress($"Image {string.Join(", ", result.References)} ({result.Destination}); digest {result.Digest}");
                    foreach (var platform in result.PlatformDigests)
                    {
                        log.Progress($"  {platform.Platform} {platform.Digest}");
                    }
                    // The digest alone on stdout, for scripts: IMAGE=$(godocker publish | tail -1).
                    Console.Out.WriteLine(result.PushedReference.Length > 0 ? result.PushedReference : result.Digest);
                }
            }
            return DiagnosticPrinter.Print(diagnostics, parse.GetValue(format), Console.Out, project.Settings.ProjectDirectory, project.Settings.ProjectPath);
        });
        return command;
    }
}
