using Microsoft.Extensions.Logging;

namespace GoDocker.ProxyGateway.Cache;

/// <summary>
/// Crash recovery: what a stopped process was writing in tmp/ was never visible and is safe to drop; a live
/// process's download is not (a snapshot or warm command may run beside a serving gateway).
/// </summary>
internal static class TempFolderSweep
{
    /// <param name="onlyIdleFor">
    /// Replicas on several hosts share tmp/, and a process id says nothing about another host: then only files left
    /// unwritten this long are dropped (a live download writes, or its upstream times out, long before).
    /// </param>
    public static void Run(CacheLayout layout, ILogger logger, TimeSpan? onlyIdleFor = null)
    {
        foreach (var file in Directory.EnumerateFiles(layout.TempFolder))
        {
            if (onlyIdleFor is { } idle
                    ? DateTime.UtcNow - File.GetLastWriteTimeUtc(file) < idle
                    : CacheLayout.TempFileWriter(file) is { } pid && WriterProcess.IsRunning(pid))
            {
                continue;
            }

            try
            {
                File.Delete(file);
            }
            catch (IOException e)
            {
                logger.LogWarning(e, "Could not remove temporary file {File}", file);
            }
        }
    }
}
