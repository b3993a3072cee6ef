using GoDocker.Core.Classification;

namespace GoDocker.Core.Tests.Classification;

/// <summary>
/// Issue 13 item 7: the download stage's <c>go mod download -json</c> output is classified by module first. The
/// objects are as go1.19.8 printed them (a file:// proxy without the zip), with BuildKit's step prefixes.
/// </summary>
public class DownloadJsonTests
{
    internal const string Missing = """
        #9 0.512 {
        #9 0.512 	"Path": "github.com/natefinch/lumberjack",
        #9 0.512 	"Version": "v1.0.0",
        #9 0.512 	"Error": "github.com/natefinch/lumberjack@v1.0.0: reading file:///proxy/github.com/natefinch/lumberjack/@v/v1.0.0.zip: no such file or directory",
        #9 0.512 	"Info": "/root/go/pkg/mod/cache/download/github.com/natefinch/lumberjack/@v/v1.0.0.info",
        #9 0.512 	"GoMod": "/root/go/pkg/mod/cache/download/github.com/natefinch/lumberjack/@v/v1.0.0.mod",
        #9 0.512 	"GoModSum": "h1:8hdjRXokqAZntEoxa6VwIgqaQENEr/NV7//jEu9qNtU="
        #9 0.512 }
        #9 ERROR: process "/bin/sh -c out=\"$(go mod download -json)\" || { printf '%s\\n' \"$out\"; exit 1; } && go mod verify" did not complete successfully: exit code: 1
        """;

    [Fact]
    public void An_error_no_rule_knows_is_the_module_s_failure_at_its_require_line()
    {
        using var project = new TestProject("github.com/natefinch/lumberjack");
        var diagnostic = Assert.Single(GoOutputClassifier.Default.Classify(Missing, project.Positions()));
        Assert.Equal("GD6024", diagnostic.Code);
        Assert.StartsWith("The go command could not download github.com/natefinch/lumberjack@v1.0.0: github.com/natefinch/lumberjack@v1.0.0: reading file:///proxy/", diagnostic.Message);
        Assert.Equal(TestProject.RequireLine, diagnostic.Location?.Line);
        Assert.Equal(project.GoMod, diagnostic.Location?.File);
    }

    [Fact]
    public void Wording_without_module_at_version_still_points_at_the_module_from_the_path_field()
    {
        // A release that drops the "module@version:" prefix: the rule knows the cause, the Path field the module.
        var output = Missing.Replace("github.com/natefinch/lumberjack@v1.0.0: reading file:///proxy/github.com/natefinch/lumberjack/@v/v1.0.0.zip: no such file or directory",
            "fetching zip: dial tcp 127.0.0.1:3128: connect: connection refused", StringComparison.Ordinal);
        using var project = new TestProject("github.com/natefinch/lumberjack");
        var diagnostic = Assert.Single(GoOutputClassifier.Default.Classify(output, project.Positions()));
        Assert.Equal("GD3002", diagnostic.Code);
        Assert.Equal(TestProject.RequireLine, diagnostic.Location?.Line);
    }

    [Fact]
    public void The_json_fields_are_not_taken_for_messages()
    {
        var output = BuildOutput.Parse(Missing);
        var module = Assert.Single(output.ModuleErrors);
        Assert.Equal("github.com/natefinch/lumberjack@v1.0.0", module.ToString());
        Assert.DoesNotContain(output.Lines, l => l.Contains("\"GoModSum\"", StringComparison.Ordinal) || l.Trim() is "{" or "}");
        Assert.StartsWith("github.com/natefinch/lumberjack@v1.0.0: reading", output.Lines[module.FirstLine]);
    }
}
