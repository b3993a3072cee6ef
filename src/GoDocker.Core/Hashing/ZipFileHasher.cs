using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.MemoryMappedFiles;
using System.Security.Cryptography;

namespace GoDocker.Core.Hashing;

/// <summary>
/// The SHA-256 of every entry of a zip, read from a mapped view of the file: stored entries are hashed straight from
/// the page cache, with no read calls and no copy into a buffer, deflated ones through a <see cref="DeflateStream"/>
/// over the same view. h1 then costs about one SHA-256 pass over the file.
/// </summary>
/// <remarks>Module zips are written once under a temporary name and renamed into place, never changed in place,
/// which a mapping needs: a file truncated under a live mapping faults its reader.</remarks>
public static class ZipFileHasher
{
    private const uint LocalHeaderSignature = 0x04034b50;
    private const int LocalHeaderSize = 30;
    private const int HashChunk = 1 << 30;

    /// <summary>Entry names in central directory order, with each entry's content hash; null when the zip is not
    /// one <see cref="ZipCentralDirectory"/> reads (the caller then uses ZipArchive, which reports what is wrong).</summary>
    public static unsafe List<(string Name, byte[] Sha256)>? TryHashEntries(string zipPath, CancellationToken cancellationToken)
    {
        using var file = new FileStream(zipPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        var length = file.Length;
        // Module zips are at most 500 MB; an empty or huge file is left to ZipArchive.
        if (length == 0 || length > int.MaxValue) return null;
        using var map = MemoryMappedFile.CreateFromFile(file, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: true);
        using var view = map.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
        byte* start = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref start);
        try
        {
            var zipStart = start + view.PointerOffset;
            return HashEntries(new ReadOnlySpan<byte>(zipStart, (int)length), zipStart, cancellationToken);
        }
        finally
        {
            view.SafeMemoryMappedViewHandle.ReleasePointer();
        }
    }

    private static unsafe List<(string Name, byte[] Sha256)>? HashEntries(ReadOnlySpan<byte> zip, byte* zipStart, CancellationToken cancellationToken)
    {
        if (!ZipCentralDirectory.TryRead(zip, out var entries)) return null;
        var result = new List<(string, byte[])>(entries.Count);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = Array.Empty<byte>();
        foreach (var entry in entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var headerAt = entry.LocalHeaderOffset;
            if (headerAt + LocalHeaderSize > zip.Length) return null;
            var header = zip.Slice((int)headerAt, LocalHeaderSize);
            if (BinaryPrimitives.ReadUInt32LittleEndian(header) != LocalHeaderSignature) return null;
            var dataStart = headerAt + LocalHeaderSize + BinaryPrimitives.ReadUInt16LittleEndian(header[26..]) + BinaryPrimitives.ReadUInt16LittleEndian(header[28..]);
            if (dataStart + entry.CompressedSize > zip.Length) return null;
            if (entry.Method == ZipCentralDirectory.MethodStored)
            {
                if (entry.CompressedSize != entry.UncompressedSize) return null;
                for (var at = 0L; at < entry.CompressedSize; at += HashChunk)
                {
                    sha.AppendData(zip.Slice((int)(dataStart + at), (int)Math.Min(HashChunk, entry.CompressedSize - at)));
                }
            }
            else
            {
                using var compressed = new UnmanagedMemoryStream(zipStart + dataStart, entry.CompressedSize);
                using var inflated = new DeflateStream(compressed, CompressionMode.Decompress);
                if (buffer.Length == 0) buffer = new byte[81920];
                int n;
                while ((n = inflated.Read(buffer)) > 0) sha.AppendData(buffer.AsSpan(0, n));
            }
            result.Add((entry.Name, sha.GetHashAndReset()));
        }
        return result;
    }
}
