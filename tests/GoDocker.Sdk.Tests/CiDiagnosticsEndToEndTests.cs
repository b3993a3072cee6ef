using System.Text.Json;
using System.Text.RegularExpressions;
using GoDocker.Sdk.Tests.Infrastructure;

namespace GoDocker.Sdk.Tests;

/// <summary>
/// What a CI user sees (docs/ci.md): GD warnings obey NoWarn, WarningsAsErrors, WarningsNotAsErrors and
/// TreatWarningsAsErrors like compiler warnings, and on GitHub Actions each diagnostic is one workflow command at the
/// right file and line, from `dotnet build` and from `godocker`. An untagged GoRuntimeImage gives GD1040 in the
/// generate step; with GoVerify=false and GoDownload=Off nothing needs Docker or the network.
/// </summary>
public sealed partial class CiDiagnosticsEndToEndTests(SdkPackages packages)
{
    private static IEnumerable<(string, string)> Untagged(string proxyUrl, params (string, string)[] more) =>
        TestGoProject.LocalDockerSettings(proxyUrl, [("GoVerify", "false"), ("GoDownload", "Off"), ("GoRuntimeImage", "busybox"), .. more]);

    private static Dictionary<string, string?> GitHubActions(TestGoProject project) => new()
    {
        ["GITHUB_ACTIONS"] = "true",
        ["GITHUB_WORKSPACE"] = project.Directory,
    };

    /// <summary>Workflow commands as the runner reads them: a line that, after leading spaces, starts with '::'.</summary>
    private static List<(string Command, Dictionary<string, string> Properties, string Message)> WorkflowCommands(string output) =>
        [.. output.Split('\n').Select(l => WorkflowCommand().Match(l.TrimStart().TrimEnd('\r'))).Where(m => m.Success).Select(m => (
            m.Groups["command"].Value,
            m.Groups["properties"].Value.Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]),
            m.Groups["message"].Value))];

    [GeneratedRegex("^::(?<command>error|warning|notice) (?<properties>[^:]*)::(?<message>.*)$")]
    private static partial Regex WorkflowCommand();

    [Fact]
    public async Task A_GD_warning_on_GitHub_Actions_is_one_warning_annotation_at_its_file_and_line()
    {
        Requirements.Go();
        await using var proxy = new TestModuleProxy();
        using var project = await TestGoProject.CreateAsync(packages, Untagged(proxy.Url), proxy.AddUniqueGreeting(), proxy);

        var build = await project.DotnetAsync(GitHubActions(project), "build", project.ProjectPath, "-nodeReuse:false");

        Assert.True(build.ExitCode == 0, build.ToString());
        var warning = Assert.Single(build.Diagnostics, d => d.Code == "GD1040");
        var annotation = Assert.Single(WorkflowCommands(build.Output));
        Assert.Equal("warning", annotation.Command);
        Assert.Equal("app.goproj", annotation.Properties["file"]);
        Assert.Equal(warning.Line.ToString(), annotation.Properties["line"]);
        Assert.Equal("GD1040", annotation.Properties["title"]);
        Assert.Contains("busybox", annotation.Message);
    }

    [Fact]
    public async Task NoWarn_GD1040_silences_the_warning_and_its_annotation()
    {
        Requirements.Go();
        await using var proxy = new TestModuleProxy();
        using var project = await TestGoProject.CreateAsync(packages, Untagged(proxy.Url, ("NoWarn", "$(NoWarn);GD1040")), proxy.AddUniqueGreeting(), proxy);

        var build = await project.DotnetAsync(GitHubActions(project), "build", project.ProjectPath, "-nodeReuse:false");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.DoesNotContain(build.Diagnostics, d => d.Code == "GD1040");
        Assert.DoesNotContain("warning GD1040", build.Output);
        Assert.Empty(WorkflowCommands(build.Output));
    }

    [Fact]
    public async Task WarningsAsErrors_GD1040_fails_the_build_with_one_error_annotation_per_diagnostic()
    {
        Requirements.Go();
        await using var proxy = new TestModuleProxy();
        // Two untagged images: two GD1040 diagnostics at two lines.
        using var project = await TestGoProject.CreateAsync(packages,
            Untagged(proxy.Url, ("WarningsAsErrors", "GD1040"), ("GoBaseImage", "golang")), proxy.AddUniqueGreeting(), proxy);

        var build = await project.DotnetAsync(GitHubActions(project), "build", project.ProjectPath, "-nodeReuse:false");

        Assert.NotEqual(0, build.ExitCode);
        var errors = build.Errors.Where(d => d.Code == "GD1040").Select(d => (File: Path.GetRelativePath(project.Directory, d.File), d.Line)).Distinct().Order().ToList();
        Assert.True(errors.Count == 2, build.ToString());
        var annotations = WorkflowCommands(build.Output);
        Assert.All(annotations, a => Assert.Equal("error", a.Command));
        Assert.Equal(errors, annotations.Select(a => (File: a.Properties["file"], Line: int.Parse(a.Properties["line"]))).Order().ToList());
    }

    [Fact]
    public async Task TreatWarningsAsErrors_fails_the_build_and_WarningsNotAsErrors_exempts_a_code()
    {
        Requirements.Go();
        await using var proxy = new TestModuleProxy();
        var dependency = proxy.AddUniqueGreeting();
        using var strict = await TestGoProject.CreateAsync(packages, Untagged(proxy.Url, ("TreatWarningsAsErrors", "true")), dependency, proxy);
        var failed = await strict.BuildAsync();
        Assert.NotEqual(0, failed.ExitCode);
        Assert.Contains(failed.Errors, d => d.Code == "GD1040");

        strict.WithProject(Untagged(proxy.Url, ("TreatWarningsAsErrors", "true"), ("WarningsNotAsErrors", "GD1040")));
        var passed = await strict.BuildAsync();
        Assert.True(passed.ExitCode == 0, passed.ToString());
        Assert.Contains(passed.Diagnostics, d => d.Code == "GD1040" && d.Severity == "warning");
    }

    [Fact]
    public async Task The_tool_annotates_once_on_GitHub_Actions_and_writes_github_and_gitlab_formats()
    {
        Requirements.Go();
        await using var proxy = new TestModuleProxy();
        using var project = await TestGoProject.CreateAsync(packages, Untagged(proxy.Url), proxy.AddUniqueGreeting(), proxy);
        await project.InstallToolAsync();
        var line = Assert.Single((await project.BuildAsync()).Diagnostics, d => d.Code == "GD1040").Line;

        // Text on GitHub Actions: the canonical line plus one annotation.
        var text = await project.DotnetAsync(GitHubActions(project), "tool", "run", "godocker", "dockerfile");
        Assert.Contains("warning GD1040", text.Output);
        var annotation = Assert.Single(WorkflowCommands(text.Output));
        Assert.Equal(("warning", "app.goproj", line.ToString(), "GD1040"),
            (annotation.Command, annotation.Properties["file"], annotation.Properties["line"], annotation.Properties["title"]));

        // --format github already is the annotation: not a second one.
        var github = await project.DotnetAsync(GitHubActions(project), "tool", "run", "godocker", "dockerfile", "--format", "github");
        Assert.Equal(0, github.ExitCode);
        Assert.Single(WorkflowCommands(github.Output));

        // GitLab Code Quality, paths relative to CI_PROJECT_DIR.
        var gitlab = await project.DotnetAsync(new Dictionary<string, string?> { ["CI_PROJECT_DIR"] = project.Directory, ["GITHUB_ACTIONS"] = null, ["GITHUB_WORKSPACE"] = null },
            "tool", "run", "godocker", "dockerfile", "--format", "gitlab");
        var start = gitlab.Output.StartsWith('[') ? 0 : gitlab.Output.LastIndexOf("\n[", StringComparison.Ordinal) + 1;
        using var report = JsonDocument.Parse(gitlab.Output[start..]);
        var issue = Assert.Single(report.RootElement.EnumerateArray());
        Assert.Equal("GD1040", issue.GetProperty("check_name").GetString());
        Assert.Equal("minor", issue.GetProperty("severity").GetString());
        Assert.Contains("busybox", issue.GetProperty("description").GetString());
        Assert.Matches("^[0-9a-f]{64}$", issue.GetProperty("fingerprint").GetString());
        Assert.Equal("app.goproj", issue.GetProperty("location").GetProperty("path").GetString());
        Assert.Equal(line, issue.GetProperty("location").GetProperty("lines").GetProperty("begin").GetInt32());
    }
}
