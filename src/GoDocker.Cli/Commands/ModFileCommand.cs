using System.CommandLine;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.GoMod;

namespace GoDocker.Cli.Commands;

/// <summary>`godocker modfile <go.mod> --json`: the go.mod exactly as `go mod edit -json` prints it.</summary>
internal static class ModFileCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("go.mod") { Description = "The go.mod (or go.mod-syntax file) to read." };
        var json = new Option<bool>("--json") { Description = "Print the file as `go mod edit -json` prints it (the default output)." };
        var goVersion = new Option<string?>("--go")
        {
            Description = "Parse and print as this Go release does (for example 1.19): directives and go versions it does not know are errors at their lines.",
        };
        var format = CommonOptions.Format();
        var command = new Command("modfile", "Print a go.mod as `go mod edit -json` does, or its errors as diagnostics.")
        {
            file, json, goVersion, format,
        };
        command.SetAction(parse =>
        {
            var path = Path.GetFullPath(parse.GetValue(file)!);
            if (Directory.Exists(path))
            {
                var inside = Path.Combine(path, "go.mod");
                Console.Error.WriteLine($"godocker: {path} is a folder; give the go.mod file{(File.Exists(inside) ? $" ({inside})" : " in it")}.");
                return ExitCodes.Usage;
            }
            if (!File.Exists(path))
            {
                Console.Error.WriteLine($"godocker: {path}: no such file.");
                return ExitCodes.Usage;
            }
            var release = GoModRelease.Latest;
            if (parse.GetValue(goVersion) is { } go)
            {
                if (GoModRelease.TryParse(go) is not { } asked)
                {
                    Console.Error.WriteLine($"godocker: --go '{go}' is not a Go release such as 1.19.");
                    return ExitCodes.Usage;
                }
                release = asked;
            }
            byte[] data;
            try
            {
                data = GoModFileReader.Read(path);
            }
            catch (DiagnosticException e)
            {
                return DiagnosticPrinter.Print([e.Diagnostic], parse.GetValue(format), Console.Out);
            }
            // That release's grammar, not only its JSON shape: go1.19 rejects a toolchain line, it does not drop it.
            var parsed = GoModFile.TryParse(path, data, out var diagnostics, release: release);
            if (parsed is null)
            {
                return DiagnosticPrinter.Print(diagnostics, parse.GetValue(format), Console.Out);
            }
            Console.Out.Write(ModFileJson.Format(parsed, release.Minor));
            return ExitCodes.Success;
        });
        return command;
    }
}
