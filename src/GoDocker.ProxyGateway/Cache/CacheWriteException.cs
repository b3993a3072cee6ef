namespace GoDocker.ProxyGateway.Cache;

/// <summary>
/// Writing to the cache folder failed (a full disk, a quota, a read-only or failing file system): the gateway's
/// own problem, never to be mistaken for an upstream that broke off (which an <see cref="IOException"/> would be).
/// </summary>
public sealed class CacheWriteException(string message, Exception inner) : Exception(message, inner)
{
    /// <summary>Runs a write to the cache, turning its I/O failure into a <see cref="CacheWriteException"/>.</summary>
    public static async Task<T> GuardAsync<T>(string what, Func<Task<T>> write)
    {
        try
        {
            return await write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CacheWriteException($"cannot write {what}: {e.Message}", e);
        }
    }

    /// <summary>Runs a synchronous write to the cache, turning its I/O failure into a <see cref="CacheWriteException"/>.</summary>
    public static void Guard(string what, Action write)
    {
        try
        {
            write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CacheWriteException($"cannot write {what}: {e.Message}", e);
        }
    }

    /// <inheritdoc cref="GuardAsync{T}"/>
    public static async Task GuardAsync(string what, Func<Task> write) =>
        await GuardAsync<bool>(what, async () =>
        {
            await write();
            return true;
        });
}
