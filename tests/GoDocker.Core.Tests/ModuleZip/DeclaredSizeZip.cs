using System.Text;

namespace GoDocker.Core.Tests.ModuleZip;

/// <summary>
/// Writes a zip whose entries are empty but declare any uncompressed size, so the 500 MiB limits can be tested
/// without 500 MiB of data (x/mod's test writes the real bytes instead).
/// </summary>
internal static class DeclaredSizeZip
{
    public static void Write(string path, IEnumerable<(string Name, uint DeclaredSize)> entries) =>
        Write(path, entries.Select(e => (e.Name, e.DeclaredSize, Array.Empty<byte>())));

    /// <summary>Stored entries holding data but declaring another uncompressed size.</summary>
    public static void Write(string path, IEnumerable<(string Name, uint DeclaredSize, byte[] Data)> entries)
    {
        using var file = File.Create(path);
        using var w = new BinaryWriter(file);
        var central = new List<(byte[] Name, uint Size, uint Offset, uint Crc, uint Stored)>();
        foreach (var (name, size, data) in entries)
        {
            var nameBytes = Encoding.UTF8.GetBytes(name);
            var crc = Crc32(data);
            central.Add((nameBytes, size, (uint)file.Position, crc, (uint)data.Length));
            w.Write(0x04034b50u); // local file header
            w.Write((ushort)20);
            w.Write((ushort)0x800); // UTF-8 names
            w.Write((ushort)0); // stored
            w.Write((ushort)0);
            w.Write((ushort)0x21); // 1980-01-01
            w.Write(crc);
            w.Write((uint)data.Length); // compressed (stored) size
            w.Write(size); // declared uncompressed size
            w.Write((ushort)nameBytes.Length);
            w.Write((ushort)0);
            w.Write(nameBytes);
            w.Write(data);
        }
        var cdStart = (uint)file.Position;
        foreach (var (name, size, offset, crc, stored) in central)
        {
            w.Write(0x02014b50u); // central directory header
            w.Write((ushort)20);
            w.Write((ushort)20);
            w.Write((ushort)0x800);
            w.Write((ushort)0);
            w.Write((ushort)0);
            w.Write((ushort)0x21);
            w.Write(crc);
            w.Write(stored);
            w.Write(size);
            w.Write((ushort)name.Length);
            w.Write((ushort)0);
            w.Write((ushort)0);
            w.Write((ushort)0);
            w.Write((ushort)0);
            w.Write(0u);
            w.Write(offset);
            w.Write(name);
        }
        var cdSize = (uint)file.Position - cdStart;
        w.Write(0x06054b50u); // end of central directory
        w.Write((ushort)0);
        w.Write((ushort)0);
        w.Write((ushort)central.Count);
        w.Write((ushort)central.Count);
        w.Write(cdSize);
        w.Write(cdStart);
        w.Write((ushort)0);
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
