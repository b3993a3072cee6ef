namespace GoDocker.Core.GoMod;

/// <summary>
/// A point in a go.mod/go.work file as x/mod counts it: 1-based line, 1-based rune within the line, 0-based byte offset.
/// </summary>
public readonly record struct ModPosition(int Line, int LineRune, int Byte)
{
    public static readonly ModPosition Start = new(1, 1, 0);

    public bool IsKnown => Line > 0;

    /// <summary>The position just after <paramref name="text"/> when it starts here.</summary>
    public ModPosition Add(string text)
    {
        var line = Line;
        var rune = LineRune;
        var lastNewline = text.LastIndexOf('\n');
        if (lastNewline >= 0)
        {
            line += text.Count(c => c == '\n');
            rune = 1;
            text = text[(lastNewline + 1)..];
        }
        rune += text.EnumerateRunes().Count();
        return new ModPosition(line, rune, Byte + System.Text.Encoding.UTF8.GetByteCount(text));
    }
}

/// <summary>The start and end (exclusive) of one token.</summary>
public readonly record struct ModSpan(ModPosition Start, ModPosition End);
