using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GoDocker.Core.Classification;

namespace GoDocker.Core.Tests.Classification;

public class BoundedLogReaderTests
{
    private static Task<LogExcerpt> ReadAsync(string text, BoundedLogReader? reader = null) =>
        (reader ?? new BoundedLogReader()).ReadAsync(new StringReader(text), CancellationToken.None);

    private static bool IsTerminalControl(char c) => c is < ' ' and not '\n' and not '\t' or >= '\x7F' and <= '\u009F';

    [Fact]
    public async Task Escape_sequences_and_C1_controls_are_removed_and_the_words_around_them_kept()
    {
        var log = "go: \x1B[1;31merror\x1B[0m here\n" +               // CSI colors
                  "\x1B]0;window title\x07title gone\n" +             // OSC ended by BEL
                  "\x1B]8;;http://x.test\x1B\\link\x1B]8;;\x1B\\\n" + // OSC 8 hyperlink ended by ST
                  "\x1B(Bcharset \x1BMreverse\n" +                    // designation and two-character sequences
                  "\u009B2Jeight-bit CSI \u009D0;t\u009Cend\n" +      // C1 CSI and OSC with C1 ST
                  "bell\x07 null\0 del\x7F tab\tkept\n" +
                  "\u0085next-line \u008Dri\n";

        var excerpt = await ReadAsync(log);

        Assert.Equal(
            "go: error here\ntitle gone\nlink\ncharset reverse\neight-bit CSI end\nbell null del tab\tkept\nnext-line ri",
            excerpt.Text);
    }

    [Fact]
    public async Task An_unterminated_sequence_ends_with_its_line()
    {
        var excerpt = await ReadAsync("\x1B]0;no end\nsecond line\n\x1B[\nthird\n");

        Assert.Equal("\nsecond line\n\nthird", excerpt.Text);
    }

    [Property(MaxTest = 500)]
    public Property No_input_yields_a_terminal_control_character()
    {
        var chars = Gen.Elements('\x1B', '[', ']', '\x07', '\u009B', '\u009C', '\u009D', '\u0085', '\r', '\n', '\0', '\x7F', 'm', '1', ';', '\\', 'a', ' ');
        return Prop.ForAll(Gen.ArrayOf(chars).Select(a => new string(a)).ToArbitrary(), text =>
            !ReadAsync(text).GetAwaiter().GetResult().Text.Any(IsTerminalControl));
    }

    [Fact]
    public async Task A_carriage_return_redraws_the_line_as_a_terminal_shows_it()
    {
        var excerpt = await ReadAsync("downloading 10%\rdownloading 50%\rgo: done\r\nnext\n");

        Assert.Equal("go: done\nnext", excerpt.Text);
    }

    [Fact]
    public async Task A_long_line_is_cut_and_says_how_much_was_cut()
    {
        var excerpt = await ReadAsync(new string('x', 100) + "\nshort\n", new BoundedLogReader(maxLineLength: 10, maxKeptChars: 1000, maxInputChars: 10_000));

        Assert.Equal("xxxxxxxxxx [90 more characters cut]\nshort", excerpt.Text);
        Assert.Equal(1, excerpt.CutLines);
    }

    [Fact]
    public async Task Only_the_last_whole_lines_are_kept_and_the_rest_is_counted()
    {
        var log = string.Concat(Enumerable.Range(1, 1000).Select(i => $"line {i}\n"));

        var excerpt = await ReadAsync(log, new BoundedLogReader(maxLineLength: 100, maxKeptChars: 50, maxInputChars: 1_000_000));

        var kept = excerpt.Text.Split('\n');
        Assert.Equal("line 1000", kept[^1]);
        Assert.All(kept, l => Assert.Matches("^line [0-9]+$", l));
        Assert.True(excerpt.Text.Length <= 50, excerpt.Text);
        Assert.Equal(1000, excerpt.Lines);
        Assert.Equal(1000 - kept.Length, excerpt.DroppedLines);
        Assert.True(excerpt.ReachedEnd);
    }

    [Fact]
    public async Task An_endless_input_stops_at_the_limit_and_says_it_did_not_end()
    {
        var excerpt = await new BoundedLogReader(maxLineLength: 100, maxKeptChars: 1000, maxInputChars: 1 << 20)
            .ReadAsync(new EndlessReader("y\n"), CancellationToken.None);

        Assert.False(excerpt.ReachedEnd);
        Assert.Equal(1 << 20, excerpt.CharsRead);
        Assert.True(excerpt.Text.Length <= 1000);
    }

    [Fact]
    public async Task An_input_of_exactly_the_limit_ended()
    {
        var excerpt = await ReadAsync("abc\ndef\n", new BoundedLogReader(maxLineLength: 100, maxKeptChars: 1000, maxInputChars: 8));

        Assert.True(excerpt.ReachedEnd);
        Assert.Equal("abc\ndef", excerpt.Text);
    }

    [Fact]
    public void The_tail_keeps_whole_lines_across_the_ring_boundary()
    {
        var tail = new TextTail(12);
        foreach (var line in new[] { "alpha", "beta", "gamma", "delta" })
        {
            tail.WriteLine(line, "");
        }

        var (text, lines) = tail.Snapshot();

        Assert.Equal("gamma\ndelta", text);
        Assert.Equal(2, lines);
        Assert.Equal(4, tail.Lines);
    }

    /// <summary>A reader that never ends, as `yes` piped into standard input.</summary>
    private sealed class EndlessReader(string pattern) : TextReader
    {
        private int _at;

        public override int Read(Span<char> buffer)
        {
            for (var i = 0; i < buffer.Length; i++)
            {
                buffer[i] = pattern[_at++ % pattern.Length];
            }
            return buffer.Length;
        }

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));
    }
}
