using System.Text;

namespace GoDocker.Reliability.Tests.Fuzzing;

/// <summary>
/// One fault injected into a file. Positions are fractions of the file's length so that a counterexample FsCheck
/// prints is reproducible on any corpus file.
/// </summary>
public abstract record Edit
{
    public abstract byte[] Apply(byte[] data);

    protected static int Index(double at, int length) => Math.Clamp((int)(at * (length + 1)), 0, length);

    protected static List<(int Start, int End)> Lines(byte[] data)
    {
        var lines = new List<(int, int)>();
        var start = 0;
        for (var i = 0; i < data.Length; i++)
        {
            if (data[i] == '\n')
            {
                lines.Add((start, i + 1));
                start = i + 1;
            }
        }
        if (start < data.Length)
        {
            lines.Add((start, data.Length));
        }
        return lines;
    }

    protected static byte[] Splice(byte[] data, int start, int end, ReadOnlySpan<byte> insert) =>
        [.. data.AsSpan(0, start), .. insert, .. data.AsSpan(end)];
}

/// <summary>The file cut off at a byte, as an interrupted write or a partial checkout leaves it.</summary>
public sealed record Truncate(double At) : Edit
{
    public override byte[] Apply(byte[] data) => data[..Index(At, data.Length)];
}

/// <summary>A run of bytes removed: a lost closing parenthesis, half a token, a field of a go.sum line.</summary>
public sealed record DeleteSpan(double At, int Length) : Edit
{
    public override byte[] Apply(byte[] data)
    {
        var start = Index(At, data.Length);
        return Splice(data, start, Math.Min(data.Length, start + Length), []);
    }
}

/// <summary>Bytes inserted at a position: syntax tokens, keywords, or bytes that are not valid UTF-8.</summary>
public sealed record Insert(double At, byte[] Bytes) : Edit
{
    public override byte[] Apply(byte[] data)
    {
        var at = Index(At, data.Length);
        return Splice(data, at, at, Bytes);
    }

    public override string ToString() => $"Insert {{ At = {At}, Bytes = \"{Escape(Bytes)}\" }}";

    private static string Escape(byte[] bytes) =>
        string.Concat(bytes.Select(b => b is >= 0x20 and < 0x7f and not (byte)'"' and not (byte)'\\' ? ((char)b).ToString() : $"\\x{b:x2}"));
}

/// <summary>One byte replaced, as a bit flip or a bad editor encoding would.</summary>
public sealed record Overwrite(double At, byte Value) : Edit
{
    public override byte[] Apply(byte[] data)
    {
        if (data.Length == 0)
        {
            return data;
        }
        var copy = (byte[])data.Clone();
        copy[Math.Min(Index(At, data.Length), data.Length - 1)] = Value;
        return copy;
    }
}

/// <summary>A whole line repeated (a merge that kept both sides), moved, or lost.</summary>
public sealed record LineEdit(double At, double Other, LineEditKind Kind) : Edit
{
    public override byte[] Apply(byte[] data)
    {
        var lines = Lines(data);
        if (lines.Count == 0)
        {
            return data;
        }
        var (s, e) = lines[Math.Min(Index(At, lines.Count), lines.Count - 1)];
        var line = data.AsSpan(s, e - s);
        switch (Kind)
        {
            case LineEditKind.Duplicate:
                return Splice(data, e, e, line);
            case LineEditKind.Drop:
                return Splice(data, s, e, []);
            default:
                var without = Splice(data, s, e, []);
                var at = lines.Count > 1 ? Lines(without).ElementAtOrDefault(Index(Other, lines.Count - 1)).Start : 0;
                return Splice(without, at, at, line);
        }
    }
}

public enum LineEditKind
{
    Duplicate,
    Drop,
    Move,
}

/// <summary>A corpus file and the faults injected into it, in order.</summary>
public sealed record MutatedFile(string Name, IReadOnlyList<Edit> Edits, byte[] Original)
{
    public byte[] Bytes => Edits.Aggregate(Original, (data, edit) => edit.Apply(data));

    public string Text => Encoding.UTF8.GetString(Bytes);

    public override string ToString() => $"{Name} with [{string.Join(", ", Edits)}]";
}
