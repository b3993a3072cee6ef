using System.CommandLine;

namespace GoDocker.Cli.Commands;

/// <summary>Options every command shares, so scripts can rely on them (documented in docs/cli.md).</summary>
internal static class CommonOptions
{
    public static Option<string?> Project() => new("--project", "-p")
    {
        Description = "A .goproj, or a folder holding one or a go.mod. Default: the current folder.",
    };

    public static Option<OutputFormat> Format() => new("--format")
    {
        Description = "How diagnostics are printed: text, json, sarif, github (workflow commands) or gitlab (Code Quality report).",
        DefaultValueFactory = _ => OutputFormat.Text,
    };

    public static Option<bool> Verbose() => new("--verbose", "-v")
    {
        Description = "Print detail as well as progress.",
    };
}
