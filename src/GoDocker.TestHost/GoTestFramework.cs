using GoDocker.Core.Diagnostics;
using GoDocker.Core.Operations;
using GoDocker.Core.Projects;
using GoDocker.Core.Testing;
using Microsoft.Testing.Platform.Extensions.Messages;
using Microsoft.Testing.Platform.Extensions.TestFramework;
using Microsoft.Testing.Platform.Messages;
using Microsoft.Testing.Platform.Requests;
using Microsoft.Testing.Platform.Services;
using Microsoft.Testing.Platform.TestHost;

namespace GoDocker.TestHost;

/// <summary>
/// The Go tests of one .goproj as a Microsoft.Testing.Platform test framework: runs <see cref="TestOperation"/> (the
/// Dockerfile's test stage) and reports every go test result, failures with their diagnostic at the _test.go line, and
/// the TRX file as an artifact of the session.
/// </summary>
internal sealed class GoTestFramework(string requestPath, string projectPath, bool resultsDirectoryGiven, IServiceProvider services) : ITestFramework, IDataProducer
{
    public string Uid => nameof(GoTestFramework);
    public string Version => typeof(GoTestFramework).Assembly.GetName().Version?.ToString() ?? "0.0.0";
    public string DisplayName => "GoDocker go test";
    public string Description => "Runs go test -json in the test stage of a .goproj's Dockerfile.";

    public Type[] DataTypesProduced => [typeof(TestNodeUpdateMessage), typeof(SessionFileArtifact)];

    public Task<bool> IsEnabledAsync() => Task.FromResult(true);

    public Task<CreateTestSessionResult> CreateTestSessionAsync(CreateTestSessionContext context) =>
        Task.FromResult(new CreateTestSessionResult { IsSuccess = true });

    public Task<CloseTestSessionResult> CloseTestSessionAsync(CloseTestSessionContext context) =>
        Task.FromResult(new CloseTestSessionResult { IsSuccess = true });

    public async Task ExecuteRequestAsync(ExecuteRequestContext context)
    {
        try
        {
            if (context.Request is RunTestExecutionRequest run)
            {
                await RunAsync(run.Session.SessionUid, context.MessageBus, context.CancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            context.Complete();
        }
    }

    private async Task RunAsync(SessionUid session, IMessageBus bus, CancellationToken cancellationToken)
    {
        GoTestApplicationRequest request;
        try
        {
            request = GoTestApplicationRequest.Read(requestPath);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            var why = DiagnosticCatalog.GoTestRequestUnreadable.Create(SourceLocation.Of(projectPath), requestPath, Path.GetFileName(projectPath), e.Message);
            await FailAsync(session, bus, Path.GetFileName(projectPath), why.ToString(), why.Location).ConfigureAwait(false);
            return;
        }

        var name = Path.GetFileName(request.Input.ProjectPath);
        var project = GoProject.Load(request.Input);
        if (project.HasErrors)
        {
            // The build reported these already; the run still fails with them rather than pass with no tests.
            foreach (var d in project.Diagnostics.Where(d => d.IsError))
            {
                await FailAsync(session, bus, name, d.ToString(), d.Location).ConfigureAwait(false);
            }
            return;
        }

        var results = ResultsDirectory() ?? request.ResultsDirectory;
        var outcome = await TestOperation.RunAsync(project, results, request.GatewayAssembly, new SilentLog(), cancellationToken).ConfigureAwait(false);
        foreach (var test in outcome.Run?.Tests ?? [])
        {
            var id = test.Package + "." + test.Name;
            TestNodeStateProperty state = test.Outcome switch
            {
                GoTestOutcome.Passed => PassedTestNodeStateProperty.CachedInstance,
                GoTestOutcome.Skipped => new SkippedTestNodeStateProperty(LastLine(test.Output)),
                _ => Failed(outcome.FailureOf(test), test),
            };
            await PublishAsync(session, bus, id, test.Name, state, new TimingProperty(new TimingInfo(test.Started ?? DateTimeOffset.UtcNow, (test.Started ?? DateTimeOffset.UtcNow) + test.Duration, test.Duration))).ConfigureAwait(false);
        }
        foreach (var error in outcome.RunErrors)
        {
            await FailAsync(session, bus, name, error.ToString(), error.Location).ConfigureAwait(false);
        }
        if (outcome.TrxPath is not null && File.Exists(outcome.TrxPath))
        {
            await bus.PublishAsync(this, new SessionFileArtifact(session, new FileInfo(outcome.TrxPath), "TRX", $"go test results of {name}")).ConfigureAwait(false);
        }
    }

    private static FailedTestNodeStateProperty Failed(Diagnostic? diagnostic, GoTestResult test)
    {
        var message = diagnostic?.ToString() ?? $"{test.Name} failed: {test.Output.Trim()}";
        return new FailedTestNodeStateProperty(new GoTestFailureException(message, Frame(test.Name, diagnostic?.Location)));
    }

    private Task FailAsync(SessionUid session, IMessageBus bus, string name, string message, SourceLocation? location) =>
        PublishAsync(session, bus, "godocker:" + name + ":" + message.GetHashCode(StringComparison.Ordinal), name,
            new FailedTestNodeStateProperty(new GoTestFailureException(message, Frame(name, location))));

    private Task PublishAsync(SessionUid session, IMessageBus bus, string id, string displayName, params IProperty[] properties) =>
        bus.PublishAsync(this, new TestNodeUpdateMessage(session, new TestNode
        {
            Uid = new TestNodeUid(id),
            DisplayName = displayName,
            Properties = new PropertyBag(properties),
        }));

    private static string? Frame(string name, SourceLocation? location) =>
        location is { Line: > 0 } l ? $"   at {name} in {l.File}:line {l.Line}" : null;

    private static string LastLine(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "skipped";

    /// <summary>dotnet test's --results-directory, as the platform resolved it; else the build's (TestResults beside the project, not beside this host).</summary>
    private string? ResultsDirectory()
    {
        if (!resultsDirectoryGiven)
        {
            return null;
        }
        var configured = services.GetConfiguration()["platformOptions:resultDirectory"];
        return string.IsNullOrEmpty(configured) ? null : configured;
    }

    private sealed class SilentLog : IOperationLog
    {
        public void Progress(string text) { }
        public void Detail(string text) { }
        public void Report(Diagnostic diagnostic) { }
    }
}
