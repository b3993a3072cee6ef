using GoDocker.Core.Diagnostics;

namespace GoDocker.Tasks.Tests;

/// <summary>
/// Issue requirement: never an unhandled exception (MSB4018) from a task. Whatever a task's work throws becomes one
/// GD9001 error naming the exception, and the task fails normally.
/// </summary>
public sealed class InternalErrorTests
{
    private const string Expected = "GoDocker failed unexpectedly: InvalidOperationException: the module index is in an impossible state. Please report this with the build log.";

    [Fact]
    public void An_exception_thrown_after_the_task_went_async_is_one_GD9001_error_and_Execute_returns_false()
    {
        var engine = new RecordingBuildEngine();
        var task = new ThrowingTask(throwSynchronously: false) { BuildEngine = engine };

        var result = task.Execute();

        Assert.False(result);
        AssertOneInternalError(engine);
        Assert.Equal(["started"], engine.Messages.Where(m => m.Importance == Microsoft.Build.Framework.MessageImportance.Normal).Select(m => m.Message));
    }

    [Fact]
    public void An_exception_thrown_before_any_await_is_reported_the_same_way()
    {
        var engine = new RecordingBuildEngine();
        var task = new ThrowingTask(throwSynchronously: true) { BuildEngine = engine };

        var result = task.Execute();

        Assert.False(result);
        AssertOneInternalError(engine);
    }

    private static void AssertOneInternalError(RecordingBuildEngine engine)
    {
        var error = Assert.Single(engine.Errors);
        Assert.Equal("GD9001", error.Code);
        Assert.Equal(Expected, error.Message);
        Assert.Equal(DiagnosticCatalog.InternalError.HelpLink, error.HelpLink);
        Assert.Empty(engine.Warnings);

        // The stack trace is kept for the bug report, but only at low importance, never as the error's text.
        Assert.DoesNotContain(" at ", error.Message);
        Assert.Contains(engine.Messages, m => m.Importance == Microsoft.Build.Framework.MessageImportance.Low
            && m.Message!.Contains(nameof(ThrowingTask), StringComparison.Ordinal) && m.Message.Contains(" at ", StringComparison.Ordinal));
    }

    /// <summary>A task whose work fails with an exception no code path expects.</summary>
    private sealed class ThrowingTask(bool throwSynchronously) : GoDockerTask
    {
        protected override System.Threading.Tasks.Task ExecuteAsync(IOperationLog log, CancellationToken cancellationToken)
        {
            log.Progress("started");
            return throwSynchronously ? throw Failure() : FailLaterAsync();
        }

        private static async System.Threading.Tasks.Task FailLaterAsync()
        {
            await System.Threading.Tasks.Task.Yield();
            throw Failure();
        }

        private static InvalidOperationException Failure() => new("the module index is in an impossible state");
    }
}
