using GoDocker.Core.Diagnostics;
using GoDocker.Core.Testing;

namespace GoDocker.Core.Tests.Testing;

/// <summary>Real go 1.19 `go test -json` output (TestData/go-test-json, made from the module beside it).</summary>
public sealed class GoTestJsonReaderTests
{
    private static readonly string Data = Path.Combine(AppContext.BaseDirectory, "TestData", "go-test-json");

    // The module as the test stage saw it: the Docker context /src is the module folder here.
    private static GoTestSourceMap Map => new(Path.Combine(Data, "module"), "example.com/m", Path.Combine(Data, "module"));

    private static GoTestRun Read(string name) =>
        GoTestJsonReader.Read(File.ReadAllText(Path.Combine(Data, name + ".json")), File.ReadAllText(Path.Combine(Data, name + ".stderr")));

    private static IReadOnlyList<Diagnostic> Diagnose(string name) => GoTestDiagnostics.For(Read(name), Map, "./...", new SourceLocation("app.goproj"));

    [Fact]
    public void Counts_passed_failed_and_skipped_tests()
    {
        var run = Read("ok");

        Assert.Equal(1, run.Passed);
        Assert.Equal(3, run.Failed);
        Assert.Equal(1, run.Skipped);
        Assert.False(run.Succeeded);
        Assert.Equal("Failed!  - Failed:     3, Passed:     1, Skipped:     1, Total:     5 - app.goproj", run.Summary("app.goproj"));
    }

    [Fact]
    public void A_failed_test_is_at_the_line_of_its_Errorf_or_Fatalf_else_at_its_declaration()
    {
        var diagnostics = Diagnose("ok");

        Assert.All(diagnostics, d => Assert.Equal(DiagnosticCatalog.GoTestFailed, d.Descriptor));
        var file = Path.Combine(Data, "module", "ok", "ok_test.go");
        var errorf = Assert.Single(diagnostics, d => d.Message.StartsWith("TestErrorf ", StringComparison.Ordinal));
        Assert.Equal(new SourceLocation(file, 8), errorf.Location);
        Assert.Contains("got 1, want 2", errorf.Message);
        var fatalf = Assert.Single(diagnostics, d => d.Message.StartsWith("TestFatalf ", StringComparison.Ordinal));
        Assert.Equal(new SourceLocation(file, 12), fatalf.Location);
        var noLine = Assert.Single(diagnostics, d => d.Message.StartsWith("TestFailNoLine ", StringComparison.Ordinal));
        Assert.Equal(new SourceLocation(file, 19), noLine.Location);
        Assert.Equal(3, diagnostics.Count);
    }

    [Fact]
    public void A_panic_is_at_the_panicking_line_of_the_test()
    {
        var run = Read("pan");
        var diagnostic = Assert.Single(Diagnose("pan"));

        Assert.Equal((1, 1), (run.Passed, run.Failed));
        Assert.Equal(DiagnosticCatalog.GoTestPanicked, diagnostic.Descriptor);
        Assert.Equal(new SourceLocation(Path.Combine(Data, "module", "pan", "pan_test.go"), 9), diagnostic.Location);
        Assert.Contains("assignment to entry in nil map", diagnostic.Message);
        Assert.DoesNotContain("[recovered]", diagnostic.Message);
    }

    [Fact]
    public void A_timeout_names_the_running_test_at_the_line_it_waits_on()
    {
        var run = Read("slow");
        var diagnostic = Assert.Single(Diagnose("slow"));

        Assert.Equal(1, run.Failed);
        Assert.False(Assert.Single(run.Tests).Finished);
        Assert.Equal(DiagnosticCatalog.GoTestTimedOut, diagnostic.Descriptor);
        Assert.Equal(new SourceLocation(Path.Combine(Data, "module", "slow", "slow_test.go"), 9), diagnostic.Location);
        Assert.Contains("test timed out after 1s", diagnostic.Message);
        Assert.Contains("TestSlow", diagnostic.Message);
    }

    [Fact]
    public void A_test_package_that_does_not_build_is_at_the_compiler_line()
    {
        var run = Read("bad");
        var diagnostic = Assert.Single(Diagnose("bad"));

        Assert.False(run.Succeeded);
        Assert.Equal("build failed", Assert.Single(run.Packages).BuildFailure);
        Assert.Equal(DiagnosticCatalog.GoTestBuildFailed, diagnostic.Descriptor);
        Assert.Equal(new SourceLocation(Path.Combine(Data, "module", "bad", "bad_test.go"), 6, 17), diagnostic.Location);
        Assert.Contains("cannot use F() (value of type int) as type string", diagnostic.Message);
    }

    [Fact]
    public void A_failed_subtest_is_reported_once_at_its_line_not_again_for_its_parent()
    {
        var run = Read("sub");
        var diagnostic = Assert.Single(Diagnose("sub"));

        Assert.Equal((1, 2), (run.Passed, run.Failed));
        Assert.Equal(DiagnosticCatalog.GoTestFailed, diagnostic.Descriptor);
        Assert.StartsWith("TestTable/two failed: in 2, want 3", diagnostic.Message);
        Assert.Equal(new SourceLocation(Path.Combine(Data, "module", "sub", "sub_test.go"), 9), diagnostic.Location);
    }

    [Fact]
    public void A_run_without_tests_warns()
    {
        var run = Read("none");
        var diagnostic = Assert.Single(Diagnose("none"));

        Assert.True(run.Succeeded);
        Assert.Equal(0, run.Total);
        Assert.Equal(DiagnosticCatalog.GoTestsNotFound, diagnostic.Descriptor);
        Assert.False(diagnostic.IsError);
    }

    [Fact]
    public void Lines_that_are_not_events_do_not_break_the_reader()
    {
        var run = GoTestJsonReader.Read("not json\n{\"Action\":\n{\"Action\":\"pass\",\"Package\":\"p\",\"Test\":\"TestA\"}\n", "go: downloading x v1.0.0\n");

        Assert.Equal(1, run.Passed);
        Assert.Empty(run.OtherErrors);
    }
}
