using System.CommandLine;
using System.Text.RegularExpressions;
using GoDocker.Core.Projects;

namespace GoDocker.Cli.Tests;

/// <summary>
/// The GitHub Actions and GitLab CI definitions in docs/ci.md are copied by users as they are: every godocker command
/// and option they run exists, every --format value is one the tool takes, every -p: property is a GoDocker setting or
/// one of the MSBuild warning properties docs/ci.md documents, and every build/build.sh verb exists.
/// </summary>
public partial class CiDocsTests
{
    private static readonly string Root = FindRoot();
    private static readonly string[] WarningProperties = ["NoWarn", "WarningsAsErrors", "WarningsNotAsErrors", "TreatWarningsAsErrors"];

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "docs", "ci.md")) && File.Exists(Path.Combine(dir.FullName, "build", "build.sh")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("no repository root with docs/ci.md above " + AppContext.BaseDirectory);
    }

    private static List<string> CiLines()
    {
        var text = File.ReadAllText(Path.Combine(Root, "docs", "ci.md"));
        var blocks = YamlBlock().Matches(text).Select(m => m.Groups[1].Value).ToList();
        Assert.True(blocks.Count >= 2, "docs/ci.md lost its CI definitions");
        Assert.Contains(blocks, b => b.Contains("runs-on:", StringComparison.Ordinal));
        Assert.Contains(blocks, b => b.Contains("codequality:", StringComparison.Ordinal));
        return [.. blocks.SelectMany(b => b.Split('\n'))];
    }

    [Fact]
    public void Every_godocker_command_and_option_in_the_ci_definitions_exists()
    {
        var runs = CiLines().Select(l => GodockerRun().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value.Trim()).ToList();
        Assert.Contains(runs, r => r.Contains("--format github", StringComparison.Ordinal));
        Assert.Contains(runs, r => r.Contains("--format gitlab", StringComparison.Ordinal));

        foreach (var run in runs)
        {
            var words = run.Split(' ', StringSplitOptions.RemoveEmptyEntries).TakeWhile(w => w != ">").ToArray();
            var parse = ToolCommand.Create().Parse(words);
            Assert.True(parse.Errors.Count == 0, $"`godocker {run}`: {string.Join("; ", parse.Errors.Select(e => e.Message))}");
            Assert.NotEqual("godocker", parse.CommandResult.Command.Name);
        }
    }

    [Fact]
    public void Every_property_in_the_ci_definitions_is_a_setting_or_a_documented_warning_property()
    {
        var properties = CiLines().SelectMany(l => Property().Matches(l)).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(properties);
        var unknown = properties.Where(p => ProjectSettingCatalog.Find(p) is null && !WarningProperties.Contains(p)).ToList();
        Assert.True(unknown.Count == 0, "docs/ci.md sets unknown properties: " + string.Join(", ", unknown));
    }

    [Fact]
    public void Every_build_script_verb_in_the_ci_definitions_exists()
    {
        var script = File.ReadAllText(Path.Combine(Root, "build", "build.sh"));
        var verbs = CiLines().Select(l => BuildScript().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(verbs);
        Assert.All(verbs, v => Assert.Matches($@"(?m)^\s*{Regex.Escape(v)}\)", script));
    }

    [Fact]
    public void Every_warning_property_is_documented()
    {
        var text = File.ReadAllText(Path.Combine(Root, "docs", "ci.md"));
        Assert.All(WarningProperties, p => Assert.Contains($"`{p}`", text));
    }

    [GeneratedRegex(@"```yaml\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();

    [GeneratedRegex(@"dotnet tool run godocker (.*)$")]
    private static partial Regex GodockerRun();

    [GeneratedRegex(@"-p:(\w+)=")]
    private static partial Regex Property();

    [GeneratedRegex(@"build/build\.sh (\w+)")]
    private static partial Regex BuildScript();
}
