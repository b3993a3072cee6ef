namespace GoDocker.Reliability.Tests.Fuzzing;

/// <summary>
/// Runs one parse on a thread of its own under a time bound, so a parser that loops forever fails the test that fed
/// it instead of hanging the run.
/// </summary>
public static class BoundedRun
{
    /// <summary>Generous: a parse takes microseconds to milliseconds, but the CI machine's 2 cores are shared.</summary>
    public static TimeSpan PerInput { get; } = TimeSpan.FromSeconds(5);

    public static T Run<T>(Func<T> parse, Func<string> describeInput)
    {
        var task = Task.Factory.StartNew(parse, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        if (!task.Wait(PerInput, TestContext.Current.CancellationToken) && !task.IsCompleted)
        {
            Assert.Fail($"no verdict within {PerInput.TotalSeconds:0} s (the parser hangs) on {Describe.Short(describeInput())}");
        }
        // Unwraps the parser's own exception so callers can tell its error type from a crash.
        return task.GetAwaiter().GetResult();
    }
}
