using System.CommandLine;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.Dockerfiles;
using GoDocker.Core.Downloads;

namespace GoDocker.Cli.Commands;

/// <summary>
/// `godocker dockerfile`: writes the Dockerfile and its .dockerignore exactly as the build does, and optionally
/// prints the docker build command (secrets by id and source, never by value) that builds with them.
/// </summary>
internal static class DockerfileCommand
{
    public static Command Create()
    {
        var project = CommonOptions.Project();
        var format = CommonOptions.Format();
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Where to write the Dockerfile. Default: the project's obj/godocker/Dockerfile. '-' prints it instead.",
        };
        var printBuildCommand = new Option<bool>("--print-build-command")
        {
            Description = "Print the docker build command line (with --secret, --ssh, --platform, --network) for the written Dockerfile.",
        };
        var command = new Command("dockerfile", "Write the generated Dockerfile and .dockerignore for a project.")
        {
            project, format, output, printBuildCommand,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var context = await ProjectContext.LoadAsync(parse.GetValue(project), cancellationToken);
            var diagnostics = new List<Diagnostic>(context.SettingsDiagnostics);
            if (!diagnostics.Any(d => d.IsError))
            {
                var settings = context.Settings;
                var generated = await DockerfileGeneration.GenerateAsync(settings, cancellationToken);
                diagnostics.AddRange(generated.Diagnostics);
                if (generated.Dockerfile is not null)
                {
                    var target = parse.GetValue(output) is { Length: > 0 } path ? path : context.DockerfilePath;
                    var dockerfilePath = target == "-" ? context.DockerfilePath : Path.GetFullPath(target);
                    if (target == "-")
                    {
                        Console.Out.Write(generated.Dockerfile);
                    }
                    else
                    {
                        // BuildKit reads <Dockerfile>.dockerignore beside the Dockerfile, so the context's own file is untouched.
                        GeneratedFile.WriteIfChanged(dockerfilePath, generated.Dockerfile);
                        GeneratedFile.WriteIfChanged(dockerfilePath + ".dockerignore", generated.Dockerignore ?? "");
                        Console.Error.WriteLine($"godocker: wrote {dockerfilePath}");
                    }
                    if (parse.GetValue(printBuildCommand))
                    {
                        Console.Out.WriteLine(DockerBuildCommand.For(settings, dockerfilePath).ToString());
                    }
                }
            }
            // Diagnostics move to stderr only when stdout carries the Dockerfile or the command line.
            var toStderr = parse.GetValue(output) == "-" || parse.GetValue(printBuildCommand);
            return DiagnosticPrinter.Print(diagnostics, parse.GetValue(format), toStderr ? Console.Error : Console.Out, context.Settings.ProjectDirectory);
        });
        return command;
    }
}
