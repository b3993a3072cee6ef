using System.Globalization;
using System.Text;

namespace GoDocker.Core.Modules;

/// <summary>
/// Go strings are byte strings; .NET strings are UTF-16. Bytes that are not valid UTF-8 are carried as lone
/// low surrogates U+DC80..U+DCFF ("surrogate escape"), so Go's "invalid UTF-8" checks and <c>%q</c> output
/// (<c>"\xff"</c>) survive the trip through a .NET string.
/// </summary>
public static class GoText
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>Decodes Go bytes to a string, escaping each invalid byte as a lone surrogate U+DC00+byte.</summary>
    public static string FromBytes(ReadOnlySpan<byte> bytes)
    {
        var sb = new StringBuilder(bytes.Length);
        var i = 0;
        while (i < bytes.Length)
        {
            var status = System.Text.Rune.DecodeFromUtf8(bytes[i..], out var rune, out var consumed);
            if (status == System.Buffers.OperationStatus.Done)
            {
                sb.Append(rune.ToString());
                i += consumed;
            }
            else
            {
                sb.Append((char)(0xDC00 + bytes[i]));
                i++;
            }
        }
        return sb.ToString();
    }

    /// <summary>Encodes back to Go bytes: escaped surrogates become their original byte.</summary>
    public static byte[] ToBytes(string s)
    {
        if (IsValidUtf8(s)) return StrictUtf8.GetBytes(s);
        var bytes = new List<byte>(s.Length);
        Span<byte> buf = stackalloc byte[4];
        for (var i = 0; i < s.Length;)
        {
            if (System.Text.Rune.TryGetRuneAt(s, i, out var r))
            {
                var n = r.EncodeToUtf8(buf);
                for (var k = 0; k < n; k++) bytes.Add(buf[k]);
                i += r.Utf16SequenceLength;
            }
            else
            {
                var c = s[i];
                bytes.Add(c is >= '\uDC80' and <= '\uDCFF' ? (byte)(c - 0xDC00) : (byte)'?');
                i++;
            }
        }
        return bytes.ToArray();
    }

    /// <summary>Whether the string holds no lone surrogate, i.e. Go's utf8.ValidString on the original bytes.</summary>
    public static bool IsValidUtf8(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1])) return false;
                i++;
            }
            else if (char.IsLowSurrogate(c))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Ordinal comparison of the UTF-8 encodings (Go's string &lt;), which differs from UTF-16 ordinal
    /// order for characters above U+FFFF.</summary>
    public static int CompareUtf8(string a, string b)
    {
        var i = 0;
        for (; i < a.Length && i < b.Length; i++)
        {
            if (a[i] == b[i]) continue;
            var (ka, kb) = (SortKey(a[i]), SortKey(b[i]));
            return ka.CompareTo(kb);
        }
        return a.Length.CompareTo(b.Length);
    }

    // UTF-8 byte order equals code point order; within UTF-16 that means surrogates sort after U+E000..U+FFFF.
    // Escaped bytes (lone U+DC80..U+DCFF) are raw bytes 0x80..0xFF; they sort where Go puts them closely enough
    // (after all ASCII), which is all the hashing needs.
    private static int SortKey(char c) => c >= '\uD800' && c <= '\uDFFF' ? c + 0x2000 : c < '\uD800' ? c : c - 0x800;

    /// <summary>Go's strconv.Quote (also <c>%q</c> of a string).</summary>
    public static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2);
        sb.Append('"');
        for (var i = 0; i < s.Length;)
        {
            if (System.Text.Rune.TryGetRuneAt(s, i, out var r))
            {
                AppendEscapedRune(sb, r.Value, '"');
                i += r.Utf16SequenceLength;
            }
            else
            {
                var c = s[i];
                var b = c is >= '\uDC80' and <= '\uDCFF' ? c - 0xDC00 : 0xFFFD;
                if (b == 0xFFFD) sb.Append("\\ufffd");
                else sb.Append("\\x").Append(b.ToString("x2", CultureInfo.InvariantCulture));
                i++;
            }
        }
        sb.Append('"');
        return sb.ToString();
    }

    /// <summary>Go's strconv.QuoteRune (also <c>%q</c> of a rune).</summary>
    public static string QuoteRune(int rune)
    {
        var sb = new StringBuilder("'");
        if (rune is >= 0xDC80 and <= 0xDCFF)
        {
            // An escaped invalid byte: Go ranges it as U+FFFD.
            rune = 0xFFFD;
        }
        AppendEscapedRune(sb, rune, '\'');
        sb.Append('\'');
        return sb.ToString();
    }

    private static void AppendEscapedRune(StringBuilder sb, int r, char quote)
    {
        if (r == quote || r == '\\')
        {
            sb.Append('\\').Append((char)r);
            return;
        }
        if (IsPrint(r))
        {
            sb.Append(char.ConvertFromUtf32(r));
            return;
        }
        switch (r)
        {
            case '\a': sb.Append("\\a"); return;
            case '\b': sb.Append("\\b"); return;
            case '\f': sb.Append("\\f"); return;
            case '\n': sb.Append("\\n"); return;
            case '\r': sb.Append("\\r"); return;
            case '\t': sb.Append("\\t"); return;
            case '\v': sb.Append("\\v"); return;
        }
        if (r < ' ' || r == 0x7f) sb.Append("\\x").Append(r.ToString("x2", CultureInfo.InvariantCulture));
        else if (r < 0x10000) sb.Append("\\u").Append(r.ToString("x4", CultureInfo.InvariantCulture));
        else sb.Append("\\U").Append(r.ToString("x8", CultureInfo.InvariantCulture));
    }

    /// <summary>Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.</summary>
    public static bool IsPrint(int r)
    {
        if (r < 0x80) return r >= 0x20 && r < 0x7f;
        if (r is >= 0xD800 and <= 0xDFFF) return false;
        var cat = CharUnicodeInfo.GetUnicodeCategory(r);
        return cat switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
                or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
                or UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator => false,
            _ => true,
        };
    }

    /// <summary>Go's unicode.IsLetter.</summary>
    public static bool IsLetter(int r)
    {
        if (r < 0x80) return r is >= 'a' and <= 'z' or >= 'A' and <= 'Z';
        if (r is >= 0xD800 and <= 0xDFFF) return false;
        var cat = CharUnicodeInfo.GetUnicodeCategory(r);
        return cat is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
            or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter;
    }

    /// <summary>Runes of a Go string as Go's <c>for range</c> yields them (invalid bytes as U+FFFD), with UTF-16 index.</summary>
    /// <remarks>A struct enumerator: module path checks run on every gateway request, and an iterator allocated there.</remarks>
    internal static RuneRange Runes(string s) => new(s);

    internal readonly struct RuneRange(string s)
    {
        public RuneEnumerator GetEnumerator() => new(s);
    }

    internal struct RuneEnumerator(string s)
    {
        private int _next;

        public (int Index, int Rune) Current { get; private set; }

        public bool MoveNext()
        {
            if (_next >= s.Length)
            {
                return false;
            }

            if (System.Text.Rune.TryGetRuneAt(s, _next, out var r))
            {
                Current = (_next, r.Value);
                _next += r.Utf16SequenceLength;
            }
            else
            {
                Current = (_next, 0xFFFD);
                _next++;
            }

            return true;
        }
    }
}
