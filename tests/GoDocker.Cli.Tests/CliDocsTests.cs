using System.CommandLine;
using System.CommandLine.Help;
using GoDocker.Cli;

namespace GoDocker.Cli.Tests;

/// <summary>
/// docs/cli.md is the reference users read: every command of the tool has a section there (a heading
/// <c>`godocker verb …`</c>) that names each of its options.
/// </summary>
public class CliDocsTests
{
    private static readonly string[] Docs = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "docs", "cli.md"));

    public static TheoryData<string> Commands()
    {
        var data = new TheoryData<string>();
        foreach (var (path, _) in Walk(ToolCommand.Create(), "godocker"))
        {
            data.Add(path);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Every_command_has_a_section_that_names_each_of_its_options(string path)
    {
        var command = Walk(ToolCommand.Create(), "godocker").Single(c => c.Path == path).Command;

        var section = Section(path);

        Assert.True(section is not null, $"docs/cli.md has no heading for `{path}`");
        var missing = command.Options
            .Where(o => o is not HelpOption && o is not VersionOption)
            .Select(o => o.Name)
            .Where(name => !section!.Contains($"`{name}", StringComparison.Ordinal))
            .ToList();
        Assert.True(missing.Count == 0, $"the `{path}` section of docs/cli.md does not name {string.Join(", ", missing)}");
    }

    [Fact]
    public void The_tree_holds_every_command_users_run()
    {
        var paths = Walk(ToolCommand.Create(), "godocker").Select(c => c.Path).ToList();

        Assert.Contains("godocker dockerfile", paths);
        Assert.Contains("godocker test", paths);
        Assert.Contains("godocker proxy snapshot create", paths);
        Assert.Equal(paths.Count, paths.Distinct().Count());
    }

    private static IEnumerable<(string Path, Command Command)> Walk(Command command, string path)
    {
        foreach (var sub in command.Subcommands)
        {
            var subPath = path + " " + sub.Name;
            yield return (subPath, sub);
            foreach (var nested in Walk(sub, subPath))
            {
                yield return nested;
            }
        }
    }

    // From the heading "#… `godocker a b …`" to the next heading.
    private static string? Section(string path)
    {
        var start = Array.FindIndex(Docs, line => line.StartsWith('#') && IsHeadingFor(line, path));
        if (start < 0)
        {
            return null;
        }
        var end = Array.FindIndex(Docs, start + 1, line => line.StartsWith('#'));
        return string.Join('\n', Docs[start..(end < 0 ? Docs.Length : end)]);
    }

    private static bool IsHeadingFor(string line, string path)
    {
        var at = line.IndexOf("`" + path, StringComparison.Ordinal);
        if (at < 0)
        {
            return false;
        }
        var after = at + 1 + path.Length;
        // "`godocker proxy`" must not match the heading of "`godocker proxy snapshot`".
        return after < line.Length && (line[after] == '`' || (line[after] == ' ' && !char.IsLetter(line.ElementAtOrDefault(after + 1))));
    }
}
