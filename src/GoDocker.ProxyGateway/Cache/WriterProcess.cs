namespace GoDocker.ProxyGateway.Cache;

/// <summary>Whether the process that named a tmp/ file (see <see cref="CacheLayout.TempFileWriter"/>) still runs.</summary>
internal static class WriterProcess
{
    public static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId)
        {
            return true; // another cache instance in this process may be writing
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}
