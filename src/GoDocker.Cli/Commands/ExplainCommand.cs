using System.CommandLine;
using GoDocker.Core.Classification;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Cli.Commands;

/// <summary>`godocker explain &lt;log|-&gt;`: the download stage's diagnostics for any saved go or docker build log.</summary>
internal static class ExplainCommand
{
    public static Command Create()
    {
        var log = new Argument<string>("log") { Description = "A saved log of a failed go or docker build run, or '-' for standard input." };
        var project = CommonOptions.Project();
        var format = CommonOptions.Format();
        var command = new Command("explain", "Classify the output of a failed go or docker build run into GoDocker diagnostics.")
        {
            log, project, format,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            LogExcerpt excerpt;
            try
            {
                excerpt = await LogExplainer.ReadExcerptAsync(parse.GetValue(log)!, Console.In, new BoundedLogReader(), cancellationToken);
            }
            catch (DiagnosticException e)
            {
                // A log that cannot be read is bad usage, not a classified failure.
                DiagnosticPrinter.Print([e.Diagnostic], OutputFormat.Text, Console.Error);
                return ExitCodes.Usage;
            }
            if (excerpt.DroppedLines > 0)
            {
                Console.Error.WriteLine($"godocker: the log has {excerpt.Lines} lines; explaining the last {excerpt.Lines - excerpt.DroppedLines}, where a failed run ends.");
            }
            var context = await ProjectContext.LoadAsync(parse.GetValue(project), cancellationToken);
            var diagnostics = new LogExplainer().Explain(excerpt.Text, context.Settings);
            return DiagnosticPrinter.Print(diagnostics, parse.GetValue(format), Console.Out, context.Settings.ProjectDirectory);
        });
        return command;
    }
}
