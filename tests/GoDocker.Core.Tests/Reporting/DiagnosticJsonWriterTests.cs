using System.Text.Json;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.Reporting;

namespace GoDocker.Core.Tests.Reporting;

public class DiagnosticJsonWriterTests
{
    private static readonly Diagnostic AtRequireLine = DiagnosticCatalog.ModuleVersionNotFound.Create(
        new SourceLocation("/src/app/go.mod", 7, 2, 7, 30), "example.com/a", "v1.0.0", "https://proxy.example", "404 Not Found");

    private static readonly Diagnostic Unpositioned = DiagnosticCatalog.Cancelled.Create("The download");

    [Fact]
    public void Each_diagnostic_has_every_documented_key()
    {
        using var doc = JsonDocument.Parse(DiagnosticJsonWriter.ToJson([AtRequireLine]));
        var item = doc.RootElement.GetProperty("diagnostics").EnumerateArray().Single();
        var keys = item.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(["code", "severity", "message", "file", "line", "column", "endLine", "endColumn", "helpLink"], keys);
        Assert.Equal("GD6001", item.GetProperty("code").GetString());
        Assert.Equal("error", item.GetProperty("severity").GetString());
        Assert.StartsWith("example.com/a@v1.0.0: the module proxy https://proxy.example answered 404 Not Found", item.GetProperty("message").GetString());
        Assert.Equal("/src/app/go.mod", item.GetProperty("file").GetString());
        Assert.Equal(7, item.GetProperty("line").GetInt32());
        Assert.Equal(2, item.GetProperty("column").GetInt32());
        Assert.Equal(7, item.GetProperty("endLine").GetInt32());
        Assert.Equal(30, item.GetProperty("endColumn").GetInt32());
        Assert.Equal(DiagnosticCatalog.ModuleVersionNotFound.HelpLink, item.GetProperty("helpLink").GetString());
    }

    [Fact]
    public void Unknown_positions_are_null_not_zero()
    {
        using var doc = JsonDocument.Parse(DiagnosticJsonWriter.ToJson([Unpositioned, DiagnosticCatalog.GoModNotFound.Create(SourceLocation.Of("go.mod"), "go.mod")]));
        var items = doc.RootElement.GetProperty("diagnostics").EnumerateArray().ToArray();
        Assert.Equal(JsonValueKind.Null, items[0].GetProperty("file").ValueKind);
        Assert.Equal(JsonValueKind.Null, items[0].GetProperty("line").ValueKind);
        Assert.Equal("warning", items[0].GetProperty("severity").GetString());
        Assert.Equal("go.mod", items[1].GetProperty("file").GetString());
        Assert.Equal(JsonValueKind.Null, items[1].GetProperty("line").ValueKind);
        Assert.Equal(JsonValueKind.Null, items[1].GetProperty("endColumn").ValueKind);
    }

    [Fact]
    public void Other_reports_extend_the_envelope()
    {
        var json = DiagnosticJsonWriter.ToJson([AtRequireLine], w =>
        {
            w.WriteStartArray("probes");
            w.WriteStringValue("dns");
            w.WriteEndArray();
        });
        using var doc = JsonDocument.Parse(json);
        Assert.Single(doc.RootElement.GetProperty("diagnostics").EnumerateArray());
        Assert.Equal("dns", doc.RootElement.GetProperty("probes")[0].GetString());
    }

    [Fact]
    public void Quotes_and_non_ascii_stay_readable_and_output_is_deterministic()
    {
        var d = DiagnosticCatalog.InvalidPropertyValue.Create("GoProxy", "hтtps://x", "it's <bad>");
        var first = DiagnosticJsonWriter.ToJson([d]);
        Assert.Contains("it's <bad>", first);
        Assert.Contains("hтtps://x", first);
        Assert.Equal(first, DiagnosticJsonWriter.ToJson([d]));
    }

    [Fact]
    public void Empty_list_is_an_empty_array()
    {
        using var doc = JsonDocument.Parse(DiagnosticJsonWriter.ToJson([], indented: false));
        Assert.Equal(0, doc.RootElement.GetProperty("diagnostics").GetArrayLength());
    }
}
