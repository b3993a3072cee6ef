using System.Text.RegularExpressions;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Testing;

/// <summary>
/// Turns a go test run into diagnostics at the lines to change: a failed test at the <c>file:line</c> its
/// t.Errorf/t.Fatalf printed (else at its declaration), a panic at the test's own frame of the stack, a test package
/// that does not build at each compiler line, a timeout at the test that was still running.
/// </summary>
public static partial class GoTestDiagnostics
{
    public static IReadOnlyList<Diagnostic> For(GoTestRun run, GoTestSourceMap map, string packagesDescription, SourceLocation? projectLocation)
    {
        var diagnostics = new List<Diagnostic>();
        foreach (var package in run.Packages)
        {
            if (package.BuildFailure is not null || package.CompilerMessages.Length > 0)
            {
                if (package.CompilerMessages.IsEmpty)
                {
                    diagnostics.Add(DiagnosticCatalog.GoTestBuildFailed.Create(projectLocation, package.Package, package.BuildFailure));
                }
                foreach (var message in package.CompilerMessages)
                {
                    diagnostics.Add(DiagnosticCatalog.GoTestBuildFailed.Create(
                        new SourceLocation(map.ToHost(message.File), message.Line, message.Column), package.Package, message.Message));
                }
                continue;
            }
            var tests = run.Tests.Where(t => t.Package == package.Package).ToList();
            if (package.Timeout is not null)
            {
                var running = tests.Where(t => !t.Finished).Select(t => t.Name).ToList();
                var hung = tests.FirstOrDefault(t => !t.Finished && !tests.Any(s => s.IsSubtest && !s.Finished && s.Name.StartsWith(t.Name + "/", StringComparison.Ordinal)));
                var location = hung is null ? projectLocation : FrameLocation(hung.Output, map) ?? Declaration(map, hung) ?? projectLocation;
                diagnostics.Add(DiagnosticCatalog.GoTestTimedOut.Create(location, package.Package, package.Timeout,
                    running.Count == 0 ? "" : "; still running: " + string.Join(", ", running)));
            }
            var reported = false;
            foreach (var test in tests.Where(t => t.Outcome == GoTestOutcome.Failed && t.Finished))
            {
                // A parent test fails with its subtest; the subtest says where.
                if (tests.Any(s => s.Outcome == GoTestOutcome.Failed && s.Name.StartsWith(test.Name + "/", StringComparison.Ordinal)) && LoggedLines(test.Output).Count == 0)
                {
                    reported = true;
                    continue;
                }
                diagnostics.Add(ForFailedTest(test, map));
                reported = true;
            }
            if (package.Outcome == GoTestOutcome.Failed && !reported && package.Timeout is null)
            {
                var panic = PanicLine(package.Output);
                diagnostics.Add(panic is not null
                    ? DiagnosticCatalog.GoTestPanicked.Create(FrameLocation(package.Output, map) ?? projectLocation, "The test binary of " + package.Package, panic, package.Package)
                    : DiagnosticCatalog.GoTestPackageFailed.Create(projectLocation, package.Package, Tail(package.Output)));
            }
        }
        foreach (var line in run.OtherErrors.Take(5))
        {
            diagnostics.Add(DiagnosticCatalog.GoTestPackageFailed.Create(projectLocation, packagesDescription, line));
        }
        if (diagnostics.Count == 0 && run.Total == 0)
        {
            diagnostics.Add(DiagnosticCatalog.GoTestsNotFound.Create(projectLocation, map.ModulePath, packagesDescription));
        }
        return diagnostics;
    }

    private static Diagnostic ForFailedTest(GoTestResult test, GoTestSourceMap map)
    {
        var panic = PanicLine(test.Output);
        if (panic is not null)
        {
            return DiagnosticCatalog.GoTestPanicked.Create(FrameLocation(test.Output, map) ?? Declaration(map, test), test.Name, panic, test.Package);
        }
        var logged = LoggedLines(test.Output);
        if (logged.Count > 0)
        {
            var (file, line, message) = logged[0];
            var text = logged.Count == 1 ? message : message + $" (and {logged.Count - 1} more line{(logged.Count == 2 ? "" : "s")})";
            return DiagnosticCatalog.GoTestFailed.Create(new SourceLocation(map.ToHost(file, test.Package), line), test.Name, text, test.Name, test.Package);
        }
        return DiagnosticCatalog.GoTestFailed.Create(Declaration(map, test), test.Name, "it printed no file:line (t.Fail, t.FailNow or a failed subtest)", test.Name, test.Package);
    }

    private static SourceLocation? Declaration(GoTestSourceMap map, GoTestResult test) =>
        map.FindDeclaration(test.Package, test.Function) is { } found ? new SourceLocation(found.File, found.Line) : null;

    /// <summary>The <c>    x_test.go:12: message</c> lines of t.Log/t.Error/t.Fatal, in order.</summary>
    private static List<(string File, int Line, string Message)> LoggedLines(string output)
    {
        var lines = new List<(string, int, string)>();
        foreach (Match m in LoggedLineRegex().Matches(output))
        {
            lines.Add((m.Groups["file"].Value, int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups["msg"].Value.TrimEnd('\r')));
        }
        return lines;
    }

    private static string? PanicLine(string output)
    {
        var m = PanicRegex().Match(output);
        return m.Success ? m.Groups["what"].Value.Replace(" [recovered]", "", StringComparison.Ordinal).TrimEnd('\r') : null;
    }

    /// <summary>The first stack frame in the project's own sources (under the container's source root).</summary>
    private static SourceLocation? FrameLocation(string output, GoTestSourceMap map)
    {
        foreach (Match m in FrameRegex().Matches(output))
        {
            var path = m.Groups["file"].Value;
            if (path.StartsWith(map.ContainerRoot + "/", StringComparison.Ordinal))
            {
                return new SourceLocation(map.ToHost(path), int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return null;
    }

    private static string Tail(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "the test binary failed without output" : string.Join(" | ", lines.TakeLast(3));
    }

    // testing.go prints each logged line indented by 4 spaces (deeper for subtests): "    x_test.go:12: message".
    [GeneratedRegex(@"^ {4,}(?<file>[^\s:/]+\.go):(?<line>\d+): (?<msg>.*)$", RegexOptions.Multiline)]
    private static partial Regex LoggedLineRegex();

    [GeneratedRegex(@"^panic: (?<what>.*)$", RegexOptions.Multiline)]
    private static partial Regex PanicRegex();

    [GeneratedRegex(@"^\t(?<file>/\S+\.go):(?<line>\d+)", RegexOptions.Multiline)]
    private static partial Regex FrameRegex();
}
