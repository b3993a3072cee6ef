using System.Formats.Tar;
using System.IO.Compression;

namespace GoDocker.Core.Images;

/// <summary>
/// Writes layers that depend on their content alone: entries sorted, one fixed modification time (from
/// SOURCE_DATE_EPOCH, else the epoch), fixed owner and mode, no user or group names, and gzip without a file name, time or OS, so the same binary and epoch give the same layer digest on every machine.
/// </summary>
public static class LayerWriter
{
    /// <summary>A layer of files at the image root, each executable (0755) and owned by <paramref name="uid"/>:<paramref name="gid"/>.</summary>
    public static ImageLayer Write(IEnumerable<(string Name, byte[] Content)> files, DateTimeOffset modified, int uid = 0, int gid = 0)
    {
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach (var (name, content) in files.OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                var entry = new UstarTarEntry(TarEntryType.RegularFile, name.TrimStart('/'))
                {
                    ModificationTime = modified,
                    Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute,
                    Uid = uid,
                    Gid = gid,
                    UserName = "",
                    GroupName = "",
                    DataStream = new MemoryStream(content, writable: false),
                };
                writer.WriteEntry(entry);
            }
        }
        var uncompressed = tar.ToArray();
        return new ImageLayer(Compress(uncompressed), uncompressed);
    }

    /// <summary>A layer from a tar another tool wrote (a base image's layer from <c>docker save</c>).</summary>
    public static ImageLayer FromTar(byte[] uncompressed) => new(Compress(uncompressed), uncompressed);

    /// <summary>gzip of the bytes; .NET writes no name and a zero time in the header, so the output depends on the input only.</summary>
    public static byte[] Compress(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(data);
        }
        var bytes = output.ToArray();
        bytes[9] = 255; // the header's OS byte differs by platform; "unknown" makes the blob the same everywhere
        return bytes;
    }

    public static byte[] Decompress(byte[] data)
    {
        using var input = new GZipStream(new MemoryStream(data), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    /// <summary>SOURCE_DATE_EPOCH as reproducible-builds.org defines it, else the Unix epoch; null when it is set but not a number.</summary>
    public static DateTimeOffset? SourceDateEpoch(string? value, out bool isSet)
    {
        isSet = !string.IsNullOrWhiteSpace(value);
        if (!isSet)
        {
            return DateTimeOffset.UnixEpoch;
        }
        return long.TryParse(value!.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            && seconds <= 253402300799
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
    }
}
