using System.Text.Json;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.Reporting;

namespace GoDocker.Core.Tests.Reporting;

public class GitLabCodeQualityWriterTests
{
    private static Diagnostic NotFoundIn(string root) => DiagnosticCatalog.ModuleVersionNotFound.Create(
        new SourceLocation($"{root}/svc/go.mod", 7, 2, 7, 24), "example.com/a", "v1.0.0", "https://proxy.example", "404 Not Found");

    private static JsonElement[] Issues(string json)
    {
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(JsonValueKind.Array, doc.RootElement.ValueKind);
        return [.. doc.RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    [Fact]
    public void Each_issue_has_the_code_quality_fields_with_gitlab_values()
    {
        var issues = Issues(GitLabCodeQualityWriter.ToJson(
            [NotFoundIn("/builds/group/app"), DiagnosticCatalog.ImageNotPinned.Create(new SourceLocation("/builds/group/app/svc/svc.goproj", 4), "GoRuntimeImage", "busybox"),
             DiagnosticCatalog.Cancelled.Create("The download")],
            "/builds/group/app", "/builds/group/app/svc/svc.goproj"));

        Assert.Equal(3, issues.Length);
        var error = issues[0];
        Assert.StartsWith("GD6001: example.com/a@v1.0.0: the module proxy https://proxy.example answered 404 Not Found", error.GetProperty("description").GetString());
        Assert.Equal("GD6001", error.GetProperty("check_name").GetString());
        Assert.Equal("critical", error.GetProperty("severity").GetString());
        Assert.Equal("svc/go.mod", error.GetProperty("location").GetProperty("path").GetString());
        Assert.Equal(7, error.GetProperty("location").GetProperty("lines").GetProperty("begin").GetInt32());
        Assert.Matches("^[0-9a-f]{64}$", error.GetProperty("fingerprint").GetString());

        Assert.Equal("minor", issues[1].GetProperty("severity").GetString());
        Assert.Equal("GD1040", issues[1].GetProperty("check_name").GetString());
        Assert.Equal(4, issues[1].GetProperty("location").GetProperty("lines").GetProperty("begin").GetInt32());

        // GitLab requires a path and a line >= 1: a diagnostic about no file points at the project file's first line.
        Assert.Equal("svc/svc.goproj", issues[2].GetProperty("location").GetProperty("path").GetString());
        Assert.Equal(1, issues[2].GetProperty("location").GetProperty("lines").GetProperty("begin").GetInt32());
        Assert.Equal("minor", issues[2].GetProperty("severity").GetString());

        Assert.Equal(3, issues.Select(i => i.GetProperty("fingerprint").GetString()).Distinct().Count());
    }

    [Fact]
    public void The_fingerprint_is_the_same_on_another_runner_with_another_checkout_folder()
    {
        var onGitLab = Issues(GitLabCodeQualityWriter.ToJson([NotFoundIn("/builds/group/app")], "/builds/group/app"))[0];
        var elsewhere = Issues(GitLabCodeQualityWriter.ToJson([NotFoundIn("/tmp/runner-7/app")], "/tmp/runner-7/app"))[0];
        Assert.Equal(onGitLab.GetProperty("fingerprint").GetString(), elsewhere.GetProperty("fingerprint").GetString());

        // A message naming the checkout folder does not make the fingerprint machine-specific either.
        var a = DiagnosticCatalog.GoModNotFound.Create(SourceLocation.Of("/builds/group/app/go.mod"), "/builds/group/app/go.mod");
        var b = DiagnosticCatalog.GoModNotFound.Create(SourceLocation.Of("/srv/ci/app/go.mod"), "/srv/ci/app/go.mod");
        Assert.Equal(
            Issues(GitLabCodeQualityWriter.ToJson([a], "/builds/group/app"))[0].GetProperty("fingerprint").GetString(),
            Issues(GitLabCodeQualityWriter.ToJson([b], "/srv/ci/app"))[0].GetProperty("fingerprint").GetString());
    }

    [Fact]
    public void The_fingerprint_survives_moved_lines_but_tells_different_problems_apart()
    {
        var here = Issues(GitLabCodeQualityWriter.ToJson([NotFoundIn("/w")], "/w"))[0].GetProperty("fingerprint").GetString();
        var moved = DiagnosticCatalog.ModuleVersionNotFound.Create(new SourceLocation("/w/svc/go.mod", 12, 2, 12, 24), "example.com/a", "v1.0.0", "https://proxy.example", "404 Not Found");
        Assert.Equal(here, Issues(GitLabCodeQualityWriter.ToJson([moved], "/w"))[0].GetProperty("fingerprint").GetString());

        var otherModule = DiagnosticCatalog.ModuleVersionNotFound.Create(new SourceLocation("/w/svc/go.mod", 7, 2, 7, 24), "example.com/b", "v1.0.0", "https://proxy.example", "404 Not Found");
        Assert.NotEqual(here, Issues(GitLabCodeQualityWriter.ToJson([otherModule], "/w"))[0].GetProperty("fingerprint").GetString());

        // Two identical reports in one run stay two issues.
        var twice = Issues(GitLabCodeQualityWriter.ToJson([NotFoundIn("/w"), NotFoundIn("/w")], "/w"));
        Assert.NotEqual(twice[0].GetProperty("fingerprint").GetString(), twice[1].GetProperty("fingerprint").GetString());
    }

    [Fact]
    public void No_diagnostics_is_an_empty_report()
    {
        Assert.Empty(Issues(GitLabCodeQualityWriter.ToJson([], "/w")));
    }
}
