using System.Text;
using GoDocker.Core.Modules;

namespace GoDocker.Core.Tests.ModuleZip;

/// <summary>A txtar archive read as raw bytes: header comment, then "-- NAME --" files (names kept as Go strings).</summary>
internal sealed record Txtar(byte[] Comment, IReadOnlyList<(string Name, byte[] Data)> Files)
{
    public static Txtar Parse(byte[] data)
    {
        var files = new List<(string, byte[])>();
        byte[]? comment = null;
        string? name = null;
        var start = 0;
        var pos = 0;
        while (pos <= data.Length)
        {
            var end = Array.IndexOf(data, (byte)'\n', pos);
            var lineEnd = end < 0 ? data.Length : end;
            var line = data.AsSpan(pos, lineEnd - pos);
            var next = end < 0 ? data.Length + 1 : end + 1;
            if (line.StartsWith("-- "u8) && line.EndsWith(" --"u8) && line.Length >= 6)
            {
                var content = data[start..pos];
                if (name is null) comment = content;
                else files.Add((name, content));
                name = GoText.FromBytes(line[3..^3]).Trim();
                start = Math.Min(next, data.Length);
            }
            if (end < 0) break;
            pos = next;
        }
        var last = data[start..];
        if (name is null) comment = last;
        else files.Add((name, last.Length > 0 && last[^1] != '\n' ? [.. last, (byte)'\n'] : last));
        return new Txtar(comment ?? [], files);
    }

    /// <summary>The key=value header the x/mod zip tests use; '#' starts a comment.</summary>
    public Dictionary<string, string> Header()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in GoText.FromBytes(Comment).Split('\n'))
        {
            var line = raw;
            var hash = line.IndexOf('#');
            if (hash >= 0) line = line[..hash];
            line = line.Trim();
            if (line.Length == 0) continue;
            var eq = line.IndexOf('=');
            if (eq < 0) throw new FormatException($"malformed header line {line}");
            result[line[..eq].Trim()] = line[(eq + 1)..].Trim();
        }
        return result;
    }

    public static string Text(byte[] data) => Encoding.UTF8.GetString(data);
}
