using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace GoDocker.ProxyGateway.Cache;

/// <summary>
/// Small blobs are renamed in without an fsync (<see cref="HashedTempFile.UnsyncedLimit"/>): one that a power loss
/// left with zeros or nothing must never be served. Each open of one reads it whole and compares its SHA-256 with
/// its name (about 10 µs for 16 KiB); larger blobs were synced before their rename and are not read.
/// </summary>
internal static class UnsyncedBlobCheck
{
    /// <summary>
    /// Opens a blob for reading, with its <paramref name="length"/>; null when it is not on disk, or when it is small
    /// and its bytes do not hash to its name (it is then removed, so its content counts as missing and is fetched again).
    /// </summary>
    public static SafeFileHandle? Open(string path, string sha256, FileOptions options, out long length)
    {
        length = 0;
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, options);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        try
        {
            length = RandomAccess.GetLength(handle);
            if (Passes(handle, sha256, length))
            {
                return handle;
            }
        }
        catch
        {
            handle.Dispose();
            throw;
        }

        handle.Dispose();
        Discard(path);
        return null;
    }

    private static bool Passes(SafeFileHandle handle, string sha256, long length)
    {
        if (length > HashedTempFile.UnsyncedLimit)
        {
            return true;
        }

        Span<byte> content = stackalloc byte[(int)length];
        var read = 0;
        while (read < content.Length)
        {
            var n = RandomAccess.Read(handle, content[read..], read);
            if (n == 0)
            {
                return false;
            }

            read += n;
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(content, hash);
        return Convert.ToHexString(hash).Equals(sha256, StringComparison.OrdinalIgnoreCase);
    }

    private static void Discard(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Still refused on every open.
        }
    }
}
