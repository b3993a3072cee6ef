namespace GoDocker.Core.Classification;

/// <summary>
/// The last lines of a text of any length, in a buffer of fixed size: lines go in whole, the oldest are overwritten,
/// and <see cref="Snapshot"/> gives the complete lines still held. No allocation per line, so a log of a hundred
/// million short lines costs what a short log does.
/// </summary>
internal sealed class TextTail(int capacity)
{
    // One character more than is kept: the oldest one says whether the kept text starts at a line start.
    private readonly char[] _ring = new char[capacity + 1];
    private long _written;

    public long Lines { get; private set; }

    public void WriteLine(ReadOnlySpan<char> text, ReadOnlySpan<char> suffix)
    {
        Write(text);
        Write(suffix);
        Write("\n");
        Lines++;
    }

    /// <summary>The complete lines held, without the last line break, and how many they are.</summary>
    public (string Text, long Lines) Snapshot()
    {
        var held = (int)Math.Min(_written, _ring.Length);
        var start = (int)((_written - held) % _ring.Length);
        var ordered = new char[held];
        _ring.AsSpan(start, Math.Min(held, _ring.Length - start)).CopyTo(ordered);
        _ring.AsSpan(0, held - Math.Min(held, _ring.Length - start)).CopyTo(ordered.AsSpan(Math.Min(held, _ring.Length - start)));
        var text = ordered.AsSpan();
        if (_written > _ring.Length)
        {
            // The oldest character is not kept; when it does not end a line, the rest of that line goes too.
            var lineEnd = text.IndexOf('\n');
            text = text[0] == '\n' ? text[1..] : text[(lineEnd + 1)..];
        }
        var lines = text.Count('\n');
        return (new string(text.TrimEnd('\n')), lines);
    }

    private void Write(ReadOnlySpan<char> text)
    {
        if (text.Length > _ring.Length)
        {
            _written += text.Length - _ring.Length;
            text = text[^_ring.Length..];
        }
        var at = (int)(_written % _ring.Length);
        var first = Math.Min(_ring.Length - at, text.Length);
        text[..first].CopyTo(_ring.AsSpan(at));
        text[first..].CopyTo(_ring);
        _written += text.Length;
    }
}
