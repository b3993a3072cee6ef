using System.CommandLine;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.Docker;
using GoDocker.Core.Dockerfiles;
using GoDocker.Core.Operations;
using GoDocker.Core.Projects;

namespace GoDocker.Cli.Commands;

/// <summary>
/// `godocker dockerfile`: writes the Dockerfile and its .dockerignore exactly as the build's generate step does, and
/// optionally prints the docker build command (secrets by id and source, never by value) that builds with them.
/// </summary>
internal static class DockerfileCommand
{
    public static Command Create()
    {
        var projectOption = CommonOptions.Project();
        var format = CommonOptions.Format();
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Where to write the Dockerfile. Default: the project's GoDockerfilePath (obj/godocker/Dockerfile). '-' prints it instead.",
        };
        var printBuildCommand = new Option<bool>("--print-build-command")
        {
            Description = "Print the docker build command line (with --secret, --ssh, --platform, --network) for the written Dockerfile; podman build under GoContainerEngine=Podman.",
        };
        var command = new Command("dockerfile", "Write the generated Dockerfile and .dockerignore for a project.")
        {
            projectOption, format, output, printBuildCommand,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var project = await ProjectContext.LoadAsync(parse.GetValue(projectOption), cancellationToken);
            var diagnostics = new List<Diagnostic>(project.Diagnostics);
            var target = parse.GetValue(output);
            GeneratedDockerfile generated;
            if (target == "-")
            {
                generated = project.HasErrors
                    ? new GeneratedDockerfile(null, null, null, [])
                    : await DockerfileGeneration.GenerateAsync(project.Settings, cancellationToken);
                Console.Out.Write(generated.Dockerfile ?? "");
            }
            else
            {
                if (target is { Length: > 0 })
                {
                    project = project with { Settings = project.Settings with { DockerfilePath = Path.GetFullPath(target) } };
                }
                generated = await GenerateOperation.RunAsync(project, cancellationToken);
                if (generated.Dockerfile is not null)
                {
                    Console.Error.WriteLine($"godocker: wrote {project.Settings.DockerfilePath}");
                }
            }
            diagnostics.AddRange(generated.Diagnostics);
            if (generated.Dockerfile is not null && parse.GetValue(printBuildCommand))
            {
                var build = DockerBuildCommand.For(project.Settings, project.Settings.DockerfilePath);
                if (project.Settings.ContainerEngine == ContainerEngineChoice.Podman)
                {
                    // The command for podman on PATH, without starting it: printing needs no engine.
                    try
                    {
                        Console.Out.WriteLine(build.ToString(new DockerCli("podman", "", UsesBuildx: false, ContainerEngineKind.Podman)));
                    }
                    catch (DiagnosticException e)
                    {
                        diagnostics.Add(e.Diagnostic);
                    }
                }
                else
                {
                    Console.Out.WriteLine(build.ToString());
                }
            }
            // Diagnostics move to stderr only when stdout carries the Dockerfile or the command line.
            var toStderr = target == "-" || parse.GetValue(printBuildCommand);
            return DiagnosticPrinter.Print(diagnostics, parse.GetValue(format), toStderr ? Console.Error : Console.Out, project.Settings.ProjectDirectory, project.Settings.ProjectPath);
        });
        return command;
    }
}
