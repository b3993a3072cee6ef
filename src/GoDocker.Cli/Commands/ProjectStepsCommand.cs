using System.CommandLine;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.Operations;
using GoDocker.Core.Projects;

namespace GoDocker.Cli.Commands;

/// <summary>
/// The frame of the commands that do what a build step does: load the project, write its Dockerfile, run the command's
/// own steps when a Dockerfile was written, then print every diagnostic in the chosen format.
/// </summary>
internal static class ProjectStepsCommand
{
    /// <summary>The command's own steps; they add what they report to <paramref name="diagnostics"/>.</summary>
    public delegate Task Steps(GoProject project, ParseResult parse, ConsoleOperationLog log, List<Diagnostic> diagnostics, CancellationToken cancellationToken);

    public static Command Create(string name, string description, Steps steps, params Option[] options)
    {
        var projectOption = CommonOptions.Project();
        var format = CommonOptions.Format();
        var verbose = CommonOptions.Verbose();
        var command = new Command(name, description)
        {
            projectOption, format, verbose,
        };
        foreach (var option in options)
        {
            command.Options.Add(option);
        }
        command.SetAction(async (parse, cancellationToken) =>
        {
            var log = new ConsoleOperationLog(parse.GetValue(verbose), quiet: false);
            var project = await ProjectContext.LoadAsync(parse.GetValue(projectOption), cancellationToken);
            var diagnostics = new List<Diagnostic>(project.Diagnostics);
            var generated = await GenerateOperation.RunAsync(project, cancellationToken);
            diagnostics.AddRange(generated.Diagnostics);
            if (generated.Dockerfile is not null)
            {
                await steps(project, parse, log, diagnostics, cancellationToken);
            }
            return DiagnosticPrinter.Print(diagnostics, parse.GetValue(format), Console.Out, project.Settings.ProjectDirectory, project.Settings.ProjectPath);
        });
        return command;
    }
}
