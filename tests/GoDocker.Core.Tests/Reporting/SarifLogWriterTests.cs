using System.Text.Json;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.Reporting;

namespace GoDocker.Core.Tests.Reporting;

public class SarifLogWriterTests
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "sarif-project");

    private static IReadOnlyList<Diagnostic> Sample() =>
    [
        DiagnosticCatalog.ModuleVersionNotFound.Create(new SourceLocation(Path.Combine(Root, "go.mod"), 7, 2, 7, 30), "example.com/a", "v1.0.0", "https://p", "404 Not Found"),
        DiagnosticCatalog.ChecksumMismatch.Create(new SourceLocation(Path.Combine(Root, "go.sum"), 3, 1), "example.com/b", "v1.2.0", "h1:x=", "h1:y="),
        DiagnosticCatalog.ModuleVersionNotFound.Create(new SourceLocation(Path.Combine(Root, "go.mod"), 8, 2), "example.com/c", "v0.1.0", "https://p", "410 Gone"),
        DiagnosticCatalog.DownloadSkipped.Create("no docker"),
    ];

    private static JsonElement Run(JsonDocument doc) => doc.RootElement.GetProperty("runs").EnumerateArray().Single();

    [Fact]
    public void Log_is_sarif_2_1_0_with_one_run_of_godocker()
    {
        using var doc = JsonDocument.Parse(SarifLogWriter.ToSarif(Sample(), new SarifLogOptions(Root, "1.2.3")));
        Assert.Equal("2.1.0", doc.RootElement.GetProperty("version").GetString());
        Assert.Equal("https://json.schemastore.org/sarif-2.1.0.json", doc.RootElement.GetProperty("$schema").GetString());
        var driver = Run(doc).GetProperty("tool").GetProperty("driver");
        Assert.Equal("godocker", driver.GetProperty("name").GetString());
        Assert.Equal("1.2.3", driver.GetProperty("version").GetString());
    }

    [Fact]
    public void One_rule_per_code_used_with_its_help_uri_and_results_point_at_it()
    {
        using var doc = JsonDocument.Parse(SarifLogWriter.ToSarif(Sample(), new SarifLogOptions(Root)));
        var run = Run(doc);
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToArray();
        var ids = rules.Select(r => r.GetProperty("id").GetString()).ToArray();
        Assert.Equal(ids.Distinct().Count(), ids.Length);
        Assert.Equal(["GD5008", "GD6001", "GD6003"], ids);
        Assert.Equal(DiagnosticCatalog.ChecksumMismatch.HelpLink, rules[2].GetProperty("helpUri").GetString());
        Assert.Equal("ChecksumMismatch", rules[2].GetProperty("name").GetString());
        Assert.Equal("warning", rules[0].GetProperty("defaultConfiguration").GetProperty("level").GetString());

        var results = run.GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal(4, results.Length);
        foreach (var result in results)
        {
            var index = result.GetProperty("ruleIndex").GetInt32();
            Assert.Equal(result.GetProperty("ruleId").GetString(), ids[index]);
        }
        Assert.Equal("error", results[0].GetProperty("level").GetString());
        Assert.Equal("warning", results[3].GetProperty("level").GetString());
        Assert.StartsWith("example.com/a@v1.0.0", results[0].GetProperty("message").GetProperty("text").GetString());
    }

    [Fact]
    public void Regions_are_one_based_and_files_under_the_project_are_relative()
    {
        using var doc = JsonDocument.Parse(SarifLogWriter.ToSarif(Sample(), new SarifLogOptions(Root)));
        var run = Run(doc);
        var results = run.GetProperty("results").EnumerateArray().ToArray();
        var physical = results[0].GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal("go.mod", physical.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal("PROJECTROOT", physical.GetProperty("artifactLocation").GetProperty("uriBaseId").GetString());
        var region = physical.GetProperty("region");
        Assert.Equal(7, region.GetProperty("startLine").GetInt32());
        Assert.Equal(2, region.GetProperty("startColumn").GetInt32());
        Assert.Equal(7, region.GetProperty("endLine").GetInt32());
        Assert.Equal(30, region.GetProperty("endColumn").GetInt32());

        var sumRegion = results[1].GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region");
        Assert.False(sumRegion.TryGetProperty("endColumn", out _));
        foreach (var region1 in results.Where(r => r.TryGetProperty("locations", out _))
                     .Select(r => r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region")))
        {
            Assert.True(region1.GetProperty("startLine").GetInt32() >= 1);
        }
        Assert.False(results[3].TryGetProperty("locations", out _));
        var baseUri = run.GetProperty("originalUriBaseIds").GetProperty("PROJECTROOT").GetProperty("uri").GetString();
        Assert.StartsWith("file:///", baseUri);
        Assert.EndsWith("/", baseUri);
    }

    [Fact]
    public void Files_outside_the_project_are_absolute_file_uris_and_whole_file_locations_have_no_region()
    {
        var outside = Path.Combine(Path.GetTempPath(), "other dir", "app.goproj");
        var d = DiagnosticCatalog.InvalidGoProxy.Create(SourceLocation.Of(outside), "GoProxy", "x", "y");
        using var doc = JsonDocument.Parse(SarifLogWriter.ToSarif([d], new SarifLogOptions(Root)));
        var physical = Run(doc).GetProperty("results")[0].GetProperty("locations")[0].GetProperty("physicalLocation");
        var uri = physical.GetProperty("artifactLocation").GetProperty("uri").GetString();
        Assert.StartsWith("file:///", uri);
        Assert.Contains("other%20dir/app.goproj", uri);
        Assert.False(physical.TryGetProperty("region", out _));
    }

    [Fact]
    public void Output_is_deterministic()
    {
        var options = new SarifLogOptions(Root);
        Assert.Equal(SarifLogWriter.ToSarif(Sample(), options), SarifLogWriter.ToSarif(Sample(), options));
    }
}
