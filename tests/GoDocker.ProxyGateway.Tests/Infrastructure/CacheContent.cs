using System.Security.Cryptography;
using GoDocker.ProxyGateway.Cache;

namespace GoDocker.ProxyGateway.Tests.Infrastructure;

/// <summary>Content put into and read from a cache directly, and named as the cache names it (lowercase SHA-256).</summary>
internal static class CacheContent
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static string Sha256Of(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();

    /// <summary>Stages <paramref name="bytes"/> and commits them under <paramref name="key"/>, as a fetch does.</summary>
    public static async Task<CommitOutcome> PutAsync(DiskModuleCache cache, string key, byte[] bytes)
    {
        using var staged = await HashedTempFile.WriteAsync(cache.Layout, new MemoryStream(bytes), Ct);
        return await cache.PutAsync(key, staged, null, Ct);
    }

    /// <summary>The content the cache serves for <paramref name="key"/>, or null when it holds none.</summary>
    public static async Task<byte[]?> ReadAsync(DiskModuleCache cache, string key)
    {
        if (cache.Get(key) is not { } file)
        {
            return null;
        }

        using var read = new MemoryStream();
        await using (file.Content)
        {
            await file.Content.CopyToAsync(read, Ct);
        }

        return read.ToArray();
    }
}
