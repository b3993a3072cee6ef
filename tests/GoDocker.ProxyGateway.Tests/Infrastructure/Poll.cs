namespace GoDocker.ProxyGateway.Tests.Infrastructure;

/// <summary>Waiting for something another thread or process brings about; the test asserts what it needs afterwards.</summary>
internal static class Poll
{
    /// <summary>Checks <paramref name="condition"/> every <paramref name="interval"/> until it holds or <paramref name="timeout"/> passes.</summary>
    /// <returns>Whether the condition held.</returns>
    public static Task<bool> UntilAsync(Func<bool> condition, TimeSpan timeout, TimeSpan interval, CancellationToken cancellationToken) =>
        UntilAsync(() => Task.FromResult(condition()), timeout, interval, cancellationToken);

    /// <summary>As above, for a condition that asks over the network (a process's /metrics).</summary>
    public static async Task<bool> UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, TimeSpan interval, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(interval, cancellationToken);
        }

        return true;
    }
}
