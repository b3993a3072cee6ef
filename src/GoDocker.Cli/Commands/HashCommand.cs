using System.CommandLine;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.Hashing;
using GoDocker.Core.Modules;

namespace GoDocker.Cli.Commands;

/// <summary>`godocker hash`: the h1 hash go.sum records for a module zip, directory or go.mod.</summary>
internal static class HashCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "A module .zip, a module directory, or a go.mod file." };
        var module = new Option<string?>("--module") { Description = "path@version of the module (required for a directory; checked against a zip)." };
        var format = CommonOptions.Format();
        var command = new Command("hash", "Print the h1: hash that go.sum records for a module zip, a module directory or a go.mod.")
        {
            path, module, format,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            ModuleVersion? version = null;
            if (parse.GetValue(module) is { } text)
            {
                version = ModuleVersion.ParseOrNull(text);
                if (version is null)
                {
                    Console.Error.WriteLine($"godocker: --module '{text}' is not path@version.");
                    return ExitCodes.Usage;
                }
            }
            try
            {
                Console.Out.WriteLine(await ModuleHasher.HashAsync(Path.GetFullPath(parse.GetValue(path)!), version, cancellationToken));
                return ExitCodes.Success;
            }
            catch (DiagnosticException e)
            {
                return DiagnosticPrinter.Print([e.Diagnostic], parse.GetValue(format), Console.Out);
            }
        });
        return command;
    }
}
