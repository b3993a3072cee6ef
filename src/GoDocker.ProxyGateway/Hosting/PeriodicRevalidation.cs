using GoDocker.ProxyGateway.Serving;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GoDocker.ProxyGateway.Hosting;

/// <summary>
/// Re-checks the whole cache against upstream every <c>interval</c> (<c>godocker proxy --revalidate-every</c>), so a
/// re-published version shows up as GD3050 without waiting for a cache miss. The interval counts from the end of one
/// run to the start of the next: runs never overlap, and a run longer than the interval does not cause back-to-back
/// runs. Serving never waits for it; shutdown cancels a run in progress.
/// </summary>
internal sealed class PeriodicRevalidation(CacheRevalidator revalidator, TimeSpan interval, ILogger logger) : BackgroundService
{
    private const int MaxUnreachableLogged = 20;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                // The first run waits one interval too: a restarting gateway must not hammer its upstreams.
                await Task.Delay(interval, stoppingToken);
                await RunOnceAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RunOnceAsync(CancellationToken stoppingToken)
    {
        logger.LogInformation("Revalidation started");
        try
        {
            var report = await revalidator.RevalidateAsync(stoppingToken);
            var level = report.ContentChanged ? LogLevel.Warning : LogLevel.Information;
            logger.Log(level, "Revalidation finished: {Summary}", report.Summary);
            // A few are worth a line each; when an upstream is down, thousands would drown the log.
            foreach (var file in report.Unreachable.Take(MaxUnreachableLogged))
            {
                logger.LogInformation("Revalidation could not compare {Key}: {Reason}", file.Key, file.Reason);
            }

            if (report.Unreachable.Count > MaxUnreachableLogged)
            {
                logger.LogInformation("Revalidation could not compare {Count} more files", report.Unreachable.Count - MaxUnreachableLogged);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // A failed run (a full disk, a bug) must not stop the host: BackgroundService failures do by default.
            logger.LogError(e, "Revalidation failed; next attempt in {Interval}", interval);
        }
    }
}
