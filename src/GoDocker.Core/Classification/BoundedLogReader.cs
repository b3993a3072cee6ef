using System.Buffers;

namespace GoDocker.Core.Classification;

/// <summary>
/// Reads a saved log line by line in bounded memory: each line is cut at <see cref="MaxLineLength"/> characters, only
/// the last <see cref="MaxKeptChars"/> characters of lines are kept (a failed run ends with its error), and reading
/// stops after <see cref="MaxInputChars"/>, so an endless input (a pipe from <c>yes</c>, <c>/dev/zero</c>) ends too.
/// Terminal control sequences (ESC and C1 introduced, other control characters) are removed as the text is read,
/// so nothing echoed from the log can drive the terminal; a carriage return redraws the line, as a terminal shows it.
/// </summary>
public sealed class BoundedLogReader(int maxLineLength, int maxKeptChars, long maxInputChars)
{
    public const int MaxLineLength = 8192;
    public const int MaxKeptChars = 4 << 20;
    public const long MaxInputChars = 256L << 20;

    public BoundedLogReader()
        : this(MaxLineLength, MaxKeptChars, MaxInputChars)
    {
    }

    /// <summary>How many characters are read at most.</summary>
    public long InputLimit => maxInputChars;

    public async Task<LogExcerpt> ReadAsync(TextReader input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var lines = new LineCollector(maxLineLength, maxKeptChars);
        var buffer = new char[64 * 1024];
        long read = 0;
        while (read < maxInputChars)
        {
            var n = await input.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, maxInputChars - read)), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                return lines.Finish(read, reachedEnd: true);
            }
            read += n;
            lines.Add(buffer.AsSpan(0, n));
        }
        // One character more tells a log of exactly the limit from one that goes on.
        var more = await input.ReadAsync(buffer.AsMemory(0, 1), cancellationToken).ConfigureAwait(false);
        return lines.Finish(read, reachedEnd: more == 0);
    }

    /// <summary>Splits decoded text into clean, length-capped lines and keeps the most recent ones.</summary>
    private sealed class LineCollector(int maxLineLength, int maxKeptChars)
    {
        // C0, DEL and C1: each is a line end, a redraw, the start of an escape sequence, or dropped.
        private static readonly SearchValues<char> ControlCharacters = SearchValues.Create(
            Enumerable.Range(0, 0x20).Concat(Enumerable.Range(0x7F, 0x21)).Select(i => (char)i).ToArray());

        private readonly char[] _line = new char[maxLineLength];
        private readonly TextTail _tail = new(maxKeptChars);
        private int _length;
        private long _cutLines;
        private long _cutChars;
        private bool _carriageReturn;
        private Escape _escape;

        public void Add(ReadOnlySpan<char> text)
        {
            while (!text.IsEmpty)
            {
                if (_escape != Escape.None || _carriageReturn)
                {
                    Add(text[0]);
                    text = text[1..];
                    continue;
                }
                // Plain text up to the next control character goes in at once.
                var special = text.IndexOfAny(ControlCharacters);
                Append(special < 0 ? text : text[..special]);
                if (special < 0)
                {
                    return;
                }
                Add(text[special]);
                text = text[(special + 1)..];
            }
        }

        private void Append(ReadOnlySpan<char> plain)
        {
            var taken = Math.Min(maxLineLength - _length, plain.Length);
            plain[..taken].CopyTo(_line.AsSpan(_length));
            _length += taken;
            _cutChars += plain.Length - taken;
        }

        public LogExcerpt Finish(long charsRead, bool reachedEnd)
        {
            if (_length > 0 || _cutChars > 0)
            {
                EndLine();
            }
            var (text, kept) = _tail.Snapshot();
            return new LogExcerpt(text, charsRead, reachedEnd, _tail.Lines, _tail.Lines - kept, _cutLines);
        }

        private void Add(char c)
        {
            if (_escape != Escape.None && Continue(c))
            {
                return;
            }
            if (c == '\n')
            {
                EndLine();
                return;
            }
            if (_carriageReturn)
            {
                // A bare CR redraws the line (progress bars): only the last drawing is what the user saw.
                _carriageReturn = false;
                _length = 0;
                _cutChars = 0;
            }
            switch (c)
            {
                case '\r':
                    _carriageReturn = true;
                    return;
                case '\x1B':
                    _escape = Escape.Start;
                    return;
                case '\u009B':
                    _escape = Escape.Csi;
                    return;
                case '\u0090' or '\u0098' or '\u009D' or '\u009E' or '\u009F':
                    _escape = Escape.String;
                    return;
                case '\t':
                    break;
                default:
                    if (char.IsControl(c))
                    {
                        // C0, DEL and the remaining C1 characters: never echoed.
                        return;
                    }
                    break;
            }
            Append([c]);
        }

        /// <summary>Consumes <paramref name="c"/> as part of an escape sequence; false when it ends one without belonging to it.</summary>
        private bool Continue(char c)
        {
            switch (_escape)
            {
                case Escape.Start:
                    _escape = c switch
                    {
                        '[' => Escape.Csi,
                        ']' or 'P' or 'X' or '^' or '_' => Escape.String,
                        >= ' ' and <= '/' => Escape.Start,
                        _ => Escape.None,
                    };
                    // A final byte ends the two-character sequence; a control character is not part of it.
                    return c >= ' ' || _escape != Escape.None;
                case Escape.Csi:
                    if (c is >= ' ' and <= '?')
                    {
                        return true;
                    }
                    _escape = Escape.None;
                    return c is >= '@' and <= '~';
                default:
                    // OSC, DCS, SOS, PM, APC: up to BEL, ST or the end of the line (an unterminated one must not eat the log).
                    if (c is '\x07' or '\u009C')
                    {
                        _escape = Escape.None;
                        return true;
                    }
                    if (c == '\n')
                    {
                        _escape = Escape.None;
                        return false;
                    }
                    if (c == '\x1B')
                    {
                        _escape = Escape.Start;
                    }
                    return true;
            }
        }

        private void EndLine()
        {
            _carriageReturn = false;
            _escape = Escape.None;
            var marker = "";
            if (_cutChars > 0)
            {
                marker = $" [{_cutChars} more characters cut]";
                _cutLines++;
                _cutChars = 0;
            }
            _tail.WriteLine(_line.AsSpan(0, _length), marker);
            _length = 0;
        }

        private enum Escape
        {
            None,
            Start,
            Csi,
            String,
        }
    }
}

/// <summary>
/// What <see cref="BoundedLogReader"/> kept of a log: <see cref="Text"/> holds its last lines, cleaned; the counts say
/// how much was left out. <see cref="ReachedEnd"/> is false when the input went on past the read limit.
/// </summary>
public sealed record LogExcerpt(string Text, long CharsRead, bool ReachedEnd, long Lines, long DroppedLines, long CutLines);
