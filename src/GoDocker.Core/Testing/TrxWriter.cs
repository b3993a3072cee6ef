using System.Security.Cryptography;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace GoDocker.Core.Testing;

/// <summary>
/// Writes a go test run as a VSTest TRX file (the TeamTest 2010 schema), which CI test reporters read for .NET
/// projects too. Ids are derived from the package and test names, so a test keeps its id from run to run.
/// </summary>
public static class TrxWriter
{
    public static readonly XNamespace Ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    private const string UnitTestType = "13cdc9d9-ddb5-4fa4-a97d-d965ccfc6d4b";
    private const string ResultsNotInAList = "8c84fa94-04c1-424b-9868-57a2d4851a1d";
    private const string AllLoadedResults = "19431567-8539-422a-85d7-44ee4e166bda";
    private const string AdapterType = "executor://godocker/gotest";

    public static XDocument Create(GoTestRun run, string runName, DateTimeOffset start, DateTimeOffset finish, IReadOnlyDictionary<(string Package, string Test), string>? messages = null)
    {
        var results = new XElement(Ns + "Results");
        var definitions = new XElement(Ns + "TestDefinitions");
        var entries = new XElement(Ns + "TestEntries");
        var computer = Environment.MachineName;
        foreach (var test in run.Tests)
        {
            var testId = Id("test", test.Package, test.Name);
            var executionId = Id("execution", runName, test.Package, test.Name);
            var testStart = test.Started ?? start;
            var result = new XElement(Ns + "UnitTestResult",
                new XAttribute("executionId", executionId),
                new XAttribute("testId", testId),
                new XAttribute("testName", test.Name),
                new XAttribute("computerName", computer),
                new XAttribute("duration", test.Duration.ToString("c", System.Globalization.CultureInfo.InvariantCulture)),
                new XAttribute("startTime", testStart.ToString("o")),
                new XAttribute("endTime", (testStart + test.Duration).ToString("o")),
                new XAttribute("testType", UnitTestType),
                new XAttribute("outcome", Outcome(test.Outcome)),
                new XAttribute("testListId", ResultsNotInAList),
                new XAttribute("relativeResultsDirectory", executionId));
            var output = new XElement(Ns + "Output", new XElement(Ns + "StdOut", Clean(test.Output)));
            if (test.Outcome == GoTestOutcome.Failed)
            {
                var message = messages is not null && messages.TryGetValue((test.Package, test.Name), out var m) ? m : test.Finished ? "Test failed." : "The test did not finish.";
                output.Add(new XElement(Ns + "ErrorInfo", new XElement(Ns + "Message", Clean(message)), new XElement(Ns + "StackTrace", Clean(test.Output))));
            }
            result.Add(output);
            results.Add(result);
            definitions.Add(new XElement(Ns + "UnitTest",
                new XAttribute("name", test.Name),
                new XAttribute("storage", test.Package),
                new XAttribute("id", testId),
                new XElement(Ns + "Execution", new XAttribute("id", executionId)),
                new XElement(Ns + "TestMethod",
                    new XAttribute("codeBase", test.Package),
                    new XAttribute("adapterTypeName", AdapterType),
                    new XAttribute("className", test.Package),
                    new XAttribute("name", test.Name))));
            entries.Add(new XElement(Ns + "TestEntry",
                new XAttribute("testId", testId),
                new XAttribute("executionId", executionId),
                new XAttribute("testListId", ResultsNotInAList)));
        }

        var counters = new XElement(Ns + "Counters",
            new XAttribute("total", run.Total),
            new XAttribute("executed", run.Passed + run.Failed),
            new XAttribute("passed", run.Passed),
            new XAttribute("failed", run.Failed),
            new XAttribute("error", 0),
            new XAttribute("timeout", 0),
            new XAttribute("aborted", 0),
            new XAttribute("inconclusive", 0),
            new XAttribute("passedButRunAborted", 0),
            new XAttribute("notRunnable", 0),
            new XAttribute("notExecuted", run.Skipped),
            new XAttribute("disconnected", 0),
            new XAttribute("warning", 0),
            new XAttribute("completed", 0),
            new XAttribute("inProgress", 0),
            new XAttribute("pending", 0));
        return new XDocument(new XDeclaration("1.0", "utf-8", null),
            new XElement(Ns + "TestRun",
                new XAttribute("id", Id("run", runName, start.ToString("o"))),
                new XAttribute("name", runName),
                new XAttribute("runUser", Environment.UserName),
                new XElement(Ns + "Times",
                    new XAttribute("creation", start.ToString("o")),
                    new XAttribute("queuing", start.ToString("o")),
                    new XAttribute("start", start.ToString("o")),
                    new XAttribute("finish", finish.ToString("o"))),
                results,
                definitions,
                entries,
                new XElement(Ns + "TestLists",
                    new XElement(Ns + "TestList", new XAttribute("name", "Results Not in a List"), new XAttribute("id", ResultsNotInAList)),
                    new XElement(Ns + "TestList", new XAttribute("name", "All Loaded Results"), new XAttribute("id", AllLoadedResults))),
                new XElement(Ns + "ResultSummary",
                    new XAttribute("outcome", run.Succeeded ? "Completed" : "Failed"),
                    counters)));
    }

    public static void Write(XDocument document, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) };
        using var writer = XmlWriter.Create(path, settings);
        document.Save(writer);
    }

    private static string Outcome(GoTestOutcome outcome) => outcome switch
    {
        GoTestOutcome.Passed => "Passed",
        GoTestOutcome.Failed => "Failed",
        _ => "NotExecuted",
    };

    /// <summary>A GUID from names (the first 16 bytes of their SHA-256), stable across runs.</summary>
    private static string Id(params string[] parts)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\0', parts)));
        return new Guid(bytes.AsSpan(0, 16)).ToString();
    }

    /// <summary>XML 1.0 cannot hold most control characters a test may print.</summary>
    private static string Clean(string text) =>
        new(text.Where(c => c is '\t' or '\n' or '\r' || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF)).ToArray());
}
