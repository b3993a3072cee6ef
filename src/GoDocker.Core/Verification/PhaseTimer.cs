using System.Diagnostics;

namespace GoDocker.Core.Verification;

/// <summary>
/// Gives every phase its own deadline and stopwatch, and tells a phase timeout apart from the caller cancelling.
/// </summary>
internal static class PhaseTimer
{
    public static async Task<ProbeResult<T>> RunAsync<T>(
        ProbePhase phase,
        TimeSpan timeout,
        Func<CancellationToken, Task<(T? Value, string Detail)>> body,
        Func<Exception, Stopwatch, ProbeResult<T>> onFailure,
        Func<Stopwatch, ProbeResult<T>> onTimeout,
        CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var stopwatch = Stopwatch.StartNew();
        try
        {
            // WaitAsync makes sure a body that ignores its token (some DNS resolvers do) still ends on time.
            var (value, detail) = await body(deadline.Token).WaitAsync(deadline.Token).ConfigureAwait(false);
            stopwatch.Stop();
            return new ProbeResult<T>(new PhaseResult(phase, ProbeOutcome.Passed, stopwatch.Elapsed, detail), value);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            stopwatch.Stop();
            return onTimeout(stopwatch);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            stopwatch.Stop();
            return onFailure(ex, stopwatch);
        }
    }

    public static ProbeResult<T> Fail<T>(ProbePhase phase, Stopwatch stopwatch, string detail, GoDocker.Core.Diagnostics.Diagnostic diagnostic, ProbeOutcome outcome = ProbeOutcome.Failed) =>
        new(new PhaseResult(phase, outcome, stopwatch.Elapsed, detail, diagnostic), default);

    public static string Seconds(TimeSpan timeout) => $"{timeout.TotalSeconds:0.###} s";
}
