using System.CommandLine;
using GoDocker.Cli;
using GoDocker.Core.Diagnostics;

var root = ToolCommand.Create();

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors)
    {
        Console.Error.WriteLine($"godocker: {error.Message}");
    }
    Console.Error.WriteLine("Run 'godocker --help' for usage.");
    return ExitCodes.Usage;
}

try
{
    // Our own handlers below turn every failure into a diagnostic; System.CommandLine would print a stack trace.
    return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (UsageException e)
{
    Console.Error.WriteLine($"godocker: {e.Message}");
    return ExitCodes.Usage;
}
catch (DiagnosticException e)
{
    return DiagnosticPrinter.Print([e.Diagnostic], OutputFormat.Text, Console.Error);
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("godocker: cancelled.");
    return 130;
}
catch (Exception e)
{
    // Never a bare crash: report it as the internal-error diagnostic with a link.
    return DiagnosticPrinter.Print([DiagnosticCatalog.InternalError.Create($"{e.GetType().Name}: {e.Message}")], OutputFormat.Text, Console.Error);
}
