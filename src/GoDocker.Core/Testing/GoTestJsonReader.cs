using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace GoDocker.Core.Testing;

/// <summary>
/// Reads what <c>go test -json</c> writes (test2json events: run, output, pass, fail, skip) and its stderr. go 1.19
/// prints some lines outside the JSON: <c>FAIL pkg [build failed]</c> on stdout and the compiler's
/// <c># pkg</c> blocks on stderr; those are read too, so a package whose tests do not build is not a silent pass.
/// </summary>
public static partial class GoTestJsonReader
{
    public static GoTestRun Read(string json, string stderr)
    {
        var tests = new Dictionary<(string Package, string Test), TestState>();
        var order = new List<(string, string)>();
        var packages = new Dictionary<string, PackageState>(StringComparer.Ordinal);
        PackageState Package(string name)
        {
            if (!packages.TryGetValue(name, out var p))
            {
                p = new PackageState();
                packages[name] = p;
            }
            return p;
        }

        foreach (var line in Lines(json))
        {
            if (!TryParseEvent(line, out var e))
            {
                if (BuildFailedRegex().Match(line) is { Success: true } failed)
                {
                    Package(failed.Groups["pkg"].Value).BuildFailure = failed.Groups["why"].Value;
                }
                continue;
            }
            var package = Package(e.Package);
            if (e.Test is null)
            {
                switch (e.Action)
                {
                    case "output":
                        package.Output.Append(e.Output);
                        NoteTimeout(package, e.Output);
                        if (e.Output?.Contains("[no test files]", StringComparison.Ordinal) == true)
                        {
                            package.NoTestFiles = true;
                        }
                        break;
                    case "pass":
                        package.Outcome = GoTestOutcome.Passed;
                        break;
                    case "fail":
                        package.Outcome = GoTestOutcome.Failed;
                        break;
                    case "skip":
                        package.Outcome = GoTestOutcome.Skipped;
                        break;
                }
                continue;
            }
            var key = (e.Package, e.Test);
            if (!tests.TryGetValue(key, out var test))
            {
                test = new TestState { Started = e.Time };
                tests[key] = test;
                order.Add(key);
            }
            switch (e.Action)
            {
                case "output":
                    test.Output.Append(e.Output);
                    NoteTimeout(package, e.Output);
                    break;
                case "pass":
                    test.Outcome = GoTestOutcome.Passed;
                    test.Elapsed = e.Elapsed;
                    break;
                case "fail":
                    test.Outcome = GoTestOutcome.Failed;
                    test.Elapsed = e.Elapsed;
                    break;
                case "skip":
                    test.Outcome = GoTestOutcome.Skipped;
                    test.Elapsed = e.Elapsed;
                    break;
            }
        }

        var otherErrors = ImmutableArray.CreateBuilder<string>();
        string? current = null;
        foreach (var line in Lines(stderr))
        {
            if (PackageHeaderRegex().Match(line) is { Success: true } header)
            {
                current = header.Groups["pkg"].Value;
                continue;
            }
            if (current is not null && CompilerLineRegex().Match(line) is { Success: true } m)
            {
                Package(current).CompilerMessages.Add(new GoCompilerMessage(m.Groups["file"].Value,
                    int.Parse(m.Groups["line"].Value, CultureInfo.InvariantCulture),
                    m.Groups["col"].Success ? int.Parse(m.Groups["col"].Value, CultureInfo.InvariantCulture) : 0,
                    m.Groups["msg"].Value));
                continue;
            }
            if (current is not null && line.StartsWith('\t') && Package(current).CompilerMessages.Count > 0)
            {
                continue; // the indented rest of a compiler message
            }
            current = null;
            if (line.Trim().Length > 0 && !line.StartsWith("go: downloading ", StringComparison.Ordinal))
            {
                otherErrors.Add(line);
            }
        }

        var results = order.Select(key =>
        {
            var state = tests[key];
            var finished = state.Outcome is not null;
            return new GoTestResult(key.Item1, key.Item2, state.Outcome ?? GoTestOutcome.Failed,
                TimeSpan.FromSeconds(state.Elapsed ?? 0), state.Output.ToString())
            {
                Finished = finished,
                Started = state.Started,
            };
        }).ToImmutableArray();
        var packageResults = packages.Select(p => new GoTestPackageResult(p.Key, p.Value.BuildFailure is null ? p.Value.Outcome : GoTestOutcome.Failed, p.Value.Output.ToString())
        {
            BuildFailure = p.Value.BuildFailure,
            CompilerMessages = [.. p.Value.CompilerMessages],
            Timeout = p.Value.Timeout,
            NoTestFiles = p.Value.NoTestFiles,
        }).ToImmutableArray();
        return new GoTestRun(results, packageResults, otherErrors.ToImmutable());
    }

    private static void NoteTimeout(PackageState package, string? output)
    {
        if (output is not null && output.StartsWith("panic: test timed out after ", StringComparison.Ordinal))
        {
            package.Timeout ??= output.TrimEnd('\n')["panic: ".Length..];
        }
    }

    private static IEnumerable<string> Lines(string text) =>
        text.Split('\n').Select(l => l.TrimEnd('\r'));

    private static bool TryParseEvent(string line, out TestEvent e)
    {
        e = default;
        if (!line.StartsWith('{'))
        {
            return false;
        }
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("Action", out var action) || action.ValueKind != JsonValueKind.String)
            {
                return false;
            }
            e = new TestEvent(
                action.GetString()!,
                Text(root, "Package") ?? "",
                Text(root, "Test"),
                Text(root, "Output"),
                root.TryGetProperty("Elapsed", out var elapsed) && elapsed.ValueKind == JsonValueKind.Number ? elapsed.GetDouble() : null,
                root.TryGetProperty("Time", out var time) && time.ValueKind == JsonValueKind.String && time.TryGetDateTimeOffset(out var t) ? t : null);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private readonly record struct TestEvent(string Action, string Package, string? Test, string? Output, double? Elapsed, DateTimeOffset? Time);

    private sealed class TestState
    {
        public GoTestOutcome? Outcome { get; set; }
        public double? Elapsed { get; set; }
        public DateTimeOffset? Started { get; init; }
        public StringBuilder Output { get; } = new();
    }

    private sealed class PackageState
    {
        public GoTestOutcome? Outcome { get; set; }
        public string? BuildFailure { get; set; }
        public string? Timeout { get; set; }
        public bool NoTestFiles { get; set; }
        public StringBuilder Output { get; } = new();
        public List<GoCompilerMessage> CompilerMessages { get; } = [];
    }

    [GeneratedRegex(@"^FAIL\s+(?<pkg>\S+)\s+\[(?<why>build failed|setup failed)\]")]
    private static partial Regex BuildFailedRegex();

    // "# example.com/m/bad [example.com/m/bad.test]" or "# example.com/m/bad"
    [GeneratedRegex(@"^# (?<pkg>\S+)")]
    private static partial Regex PackageHeaderRegex();

    [GeneratedRegex(@"^(?:vet: )?(?<file>[^\s:][^:]*\.go):(?<line>\d+)(?::(?<col>\d+))?: (?<msg>.*)$")]
    private static partial Regex CompilerLineRegex();
}
