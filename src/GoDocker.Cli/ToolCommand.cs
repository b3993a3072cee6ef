using System.CommandLine;
using GoDocker.Cli.Commands;

namespace GoDocker.Cli;

/// <summary>The godocker command tree, built in one place so the docs test walks the same commands users run.</summary>
internal static class ToolCommand
{
    public static RootCommand Create()
    {
        var root = new RootCommand("godocker: Go module downloads in Docker that work in company networks, with diagnostics that say what to change.");
        root.Subcommands.Add(VerifyCommand.Create());
        root.Subcommands.Add(DownloadCommand.Create());
        root.Subcommands.Add(PublishCommand.Create());
        root.Subcommands.Add(BuildCommand.Create());
        root.Subcommands.Add(TestCommand.Create());
        root.Subcommands.Add(DockerfileCommand.Create());
        root.Subcommands.Add(ModFileCommand.Create());
        root.Subcommands.Add(HashCommand.Create());
        root.Subcommands.Add(ExplainCommand.Create());
        root.Subcommands.Add(ProxyCommand.Create());
        return root;
    }
}
