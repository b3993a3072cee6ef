using GoDocker.Core.Diagnostics;
using GoDocker.Core.Reporting;

namespace GoDocker.Core.Tests.Reporting;

public class GitHubWorkflowCommandTests
{
    private static readonly Diagnostic AtRequireLine = DiagnosticCatalog.ModuleVersionNotFound.Create(
        new SourceLocation("/home/runner/work/app/app/svc/go.mod", 7, 2, 7, 24), "example.com/a", "v1.0.0", "https://proxy.example", "404 Not Found");

    [Fact]
    public void An_error_names_the_workspace_relative_file_all_four_positions_and_the_code()
    {
        var line = GitHubWorkflowCommand.For(AtRequireLine, "/home/runner/work/app/app");

        Assert.StartsWith("::error file=svc/go.mod,line=7,col=2,endLine=7,endColumn=24,title=GD6001::", line);
        // ':' in the message is data, which GitHub does not escape; the URL's ':' stays readable.
        Assert.Contains("::example.com/a@v1.0.0: the module proxy https://proxy.example answered 404 Not Found", line);
        Assert.DoesNotContain('\n', line);
    }

    [Fact]
    public void Data_escapes_percent_and_line_breaks_and_properties_also_colon_and_comma()
    {
        Assert.Equal("100%25 done%0D%0Anext: a,b", GitHubWorkflowCommand.EscapeData("100% done\r\nnext: a,b"));
        Assert.Equal("C%3A/a%2Cb/50%25%0A", GitHubWorkflowCommand.EscapeProperty("C:/a,b/50%\n"));

        var odd = DiagnosticCatalog.GoModNotFound.Create(new SourceLocation("/ws/we,ird:dir/go.mod", 3), "line one\nline two");
        var line = GitHubWorkflowCommand.For(odd, "/ws");
        Assert.StartsWith("::error file=we%2Cird%3Adir/go.mod,line=3,title=GD", line);
        Assert.Contains("line one%0Aline two", line);
        Assert.Single(line.Split('\n'));
    }

    [Fact]
    public void Files_outside_the_workspace_stay_absolute_and_unknown_positions_are_left_out()
    {
        var outside = DiagnosticCatalog.GoModNotFound.Create(SourceLocation.Of("/elsewhere/go.mod"), "/elsewhere/go.mod");
        Assert.StartsWith("::error file=/elsewhere/go.mod,title=GD", GitHubWorkflowCommand.For(outside, "/ws"));

        var sibling = DiagnosticCatalog.GoModNotFound.Create(SourceLocation.Of("/ws-other/go.mod"), "x");
        Assert.StartsWith("::error file=/ws-other/go.mod,", GitHubWorkflowCommand.For(sibling, "/ws"));

        var nowhere = DiagnosticCatalog.Cancelled.Create("The download");
        Assert.StartsWith($"::warning title={nowhere.Code}::", GitHubWorkflowCommand.For(nowhere, "/ws"));
    }

    [Fact]
    public void A_promoted_warning_is_an_error_annotation_and_a_message_is_a_notice()
    {
        var warning = DiagnosticCatalog.ImageNotPinned.Create(SourceLocation.Of("/ws/app.goproj"), "GoRuntimeImage", "busybox");
        Assert.StartsWith("::error file=app.goproj,title=GD1040::", GitHubWorkflowCommand.For(warning, "/ws", DiagnosticSeverity.Error));
        Assert.Equal("notice", GitHubWorkflowCommand.CommandName(DiagnosticSeverity.Message));
    }

    [Fact]
    public void Write_prints_one_line_per_diagnostic()
    {
        using var output = new StringWriter { NewLine = "\n" };
        GitHubWorkflowCommand.Write(output, [AtRequireLine, DiagnosticCatalog.Cancelled.Create("x\ny")], "/home/runner/work/app/app");
        var lines = output.ToString().TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.All(lines, l => Assert.StartsWith("::", l));
    }
}
