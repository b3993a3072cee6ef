using System.Buffers.Binary;
using System.Text;

namespace GoDocker.Core.Hashing;

/// <summary>One central directory record: what h1 needs to find and read an entry without a ZipArchive.</summary>
public sealed record ZipCentralEntry(string Name, int Method, int Flags, long CompressedSize, long UncompressedSize, long LocalHeaderOffset);

/// <summary>
/// Reads a zip's central directory from the zip's bytes (a mapped file). Only plain zips (no zip64, no multi-disk, no
/// encryption, stored or deflated entries) are read; anything else returns false, so the caller falls back to
/// <see cref="System.IO.Compression.ZipArchive"/>, which reports the zip's problems as before.
/// </summary>
public static class ZipCentralDirectory
{
    private const uint EndSignature = 0x06054b50;
    private const uint EntrySignature = 0x02014b50;
    private const int EndRecordSize = 22;
    private const int EntryFixedSize = 46;
    private const int MaxCommentLength = 0xFFFF;
    public const int MethodStored = 0;
    public const int MethodDeflated = 8;

    public static bool TryRead(ReadOnlySpan<byte> zip, out List<ZipCentralEntry> entries)
    {
        entries = [];
        if (zip.Length < EndRecordSize) return false;
        var tailLength = Math.Min(zip.Length, EndRecordSize + MaxCommentLength);
        var tail = zip[^tailLength..];
        var end = FindEndRecord(tail);
        if (end < 0) return false;
        var record = tail[end..];
        var diskNumber = BinaryPrimitives.ReadUInt16LittleEndian(record[4..]);
        var directoryDisk = BinaryPrimitives.ReadUInt16LittleEndian(record[6..]);
        var countOnDisk = BinaryPrimitives.ReadUInt16LittleEndian(record[8..]);
        var count = BinaryPrimitives.ReadUInt16LittleEndian(record[10..]);
        var size = BinaryPrimitives.ReadUInt32LittleEndian(record[12..]);
        var offset = BinaryPrimitives.ReadUInt32LittleEndian(record[16..]);
        // 0xFFFF/0xFFFFFFFF mark zip64 values; a zip spread over disks is not a module zip.
        if (diskNumber != 0 || directoryDisk != 0 || countOnDisk != count || count == 0xFFFF || size == 0xFFFFFFFF || offset == 0xFFFFFFFF) return false;
        var endOffset = zip.Length - tailLength + end;
        if ((long)offset + size > endOffset) return false;
        var span = zip.Slice((int)offset, (int)size);
        var list = new List<ZipCentralEntry>(count);
        for (var i = 0; i < count; i++)
        {
            if (span.Length < EntryFixedSize || BinaryPrimitives.ReadUInt32LittleEndian(span) != EntrySignature) return false;
            var flags = BinaryPrimitives.ReadUInt16LittleEndian(span[8..]);
            var method = BinaryPrimitives.ReadUInt16LittleEndian(span[10..]);
            var compressed = BinaryPrimitives.ReadUInt32LittleEndian(span[20..]);
            var uncompressed = BinaryPrimitives.ReadUInt32LittleEndian(span[24..]);
            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(span[28..]);
            var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(span[30..]);
            var commentLength = BinaryPrimitives.ReadUInt16LittleEndian(span[32..]);
            var localOffset = BinaryPrimitives.ReadUInt32LittleEndian(span[42..]);
            var recordLength = EntryFixedSize + nameLength + extraLength + commentLength;
            if (span.Length < recordLength) return false;
            if ((flags & 1) != 0 || (method != MethodStored && method != MethodDeflated)) return false;
            if (compressed == 0xFFFFFFFF || uncompressed == 0xFFFFFFFF || localOffset == 0xFFFFFFFF) return false;
            // ZipArchive decodes names as UTF-8 whatever the flag says; so does this, so both paths name entries alike.
            var name = Encoding.UTF8.GetString(span.Slice(EntryFixedSize, nameLength));
            list.Add(new ZipCentralEntry(name, method, flags, compressed, uncompressed, localOffset));
            span = span[recordLength..];
        }
        entries = list;
        return true;
    }

    private static int FindEndRecord(ReadOnlySpan<byte> tail)
    {
        for (var i = tail.Length - EndRecordSize; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail[i..]) != EndSignature) continue;
            var commentLength = BinaryPrimitives.ReadUInt16LittleEndian(tail[(i + 20)..]);
            if (i + EndRecordSize + commentLength <= tail.Length) return i;
        }
        return -1;
    }
}
