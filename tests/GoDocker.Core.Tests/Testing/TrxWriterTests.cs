using System.Xml.Linq;
using GoDocker.Core.Testing;

namespace GoDocker.Core.Tests.Testing;

public sealed class TrxWriterTests
{
    private static readonly XNamespace Ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    private static XDocument Write(out string path)
    {
        var data = Path.Combine(AppContext.BaseDirectory, "TestData", "go-test-json");
        var run = GoTestJsonReader.Read(File.ReadAllText(Path.Combine(data, "ok.json")), "");
        var start = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        path = Path.Combine(Path.GetTempPath(), "godocker-trx-" + Guid.NewGuid().ToString("N"), "app.trx");
        TrxWriter.Write(TrxWriter.Create(run, "app.goproj", start, start.AddSeconds(2)), path);
        return XDocument.Load(path);
    }

    [Fact]
    public void Holds_every_result_with_its_definition_entry_and_the_counters()
    {
        var trx = Write(out var path);
        try
        {
            var root = trx.Root!;
            Assert.Equal(Ns + "TestRun", root.Name);
            var results = root.Element(Ns + "Results")!.Elements(Ns + "UnitTestResult").ToList();
            Assert.Equal(5, results.Count);
            Assert.Equal("Passed", results.Single(r => (string?)r.Attribute("testName") == "TestPass").Attribute("outcome")!.Value);
            var failed = results.Single(r => (string?)r.Attribute("testName") == "TestErrorf");
            Assert.Equal("Failed", failed.Attribute("outcome")!.Value);
            Assert.Contains("ok_test.go:8: got 1, want 2", failed.Element(Ns + "Output")!.Element(Ns + "ErrorInfo")!.Element(Ns + "StackTrace")!.Value);
            Assert.Equal("NotExecuted", results.Single(r => (string?)r.Attribute("testName") == "TestSkip").Attribute("outcome")!.Value);

            // Each result's test and execution ids match its definition and entry, as TRX readers join them.
            var definitions = root.Element(Ns + "TestDefinitions")!.Elements(Ns + "UnitTest").ToList();
            var entries = root.Element(Ns + "TestEntries")!.Elements(Ns + "TestEntry").ToList();
            foreach (var result in results)
            {
                var definition = Assert.Single(definitions, d => d.Attribute("id")!.Value == result.Attribute("testId")!.Value);
                Assert.Equal(result.Attribute("executionId")!.Value, definition.Element(Ns + "Execution")!.Attribute("id")!.Value);
                Assert.Single(entries, e => e.Attribute("testId")!.Value == result.Attribute("testId")!.Value);
                Assert.True(Guid.TryParse(result.Attribute("executionId")!.Value, out _));
                Assert.True(TimeSpan.TryParse(result.Attribute("duration")!.Value, out _));
            }
            Assert.Equal(5, definitions.Select(d => d.Attribute("id")!.Value).Distinct().Count());

            var summary = root.Element(Ns + "ResultSummary")!;
            Assert.Equal("Failed", summary.Attribute("outcome")!.Value);
            var counters = summary.Element(Ns + "Counters")!;
            Assert.Equal(("5", "1", "3", "1"), (counters.Attribute("total")!.Value, counters.Attribute("passed")!.Value, counters.Attribute("failed")!.Value, counters.Attribute("notExecuted")!.Value));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }
}
