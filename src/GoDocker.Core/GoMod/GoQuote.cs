using System.Globalization;
using System.Text;

namespace GoDocker.Core.GoMod;

/// <summary>Go's strconv.Unquote, as go.mod tokens use it (quoting itself is <see cref="Modules.GoText.Quote"/>).</summary>
public static class GoQuote
{
    /// <summary>strconv.Unquote for double-quoted and backquoted literals; null when the literal is invalid ("invalid syntax").</summary>
    public static string? Unquote(string s)
    {
        if (s.Length < 2) return null;
        var q = s[0];
        if (q != s[^1]) return null;
        var body = s[1..^1];
        if (q == '`')
        {
            if (body.Contains('`')) return null;
            return body.Contains('\r') ? body.Replace("\r", "") : body;
        }
        if (q != '"') return null;
        var sb = new StringBuilder(body.Length);
        for (var i = 0; i < body.Length;)
        {
            var c = body[i];
            if (c == '"' || c == '\n') return null;
            if (c != '\\')
            {
                sb.Append(c);
                i++;
                continue;
            }
            if (i + 1 >= body.Length) return null;
            var e = body[i + 1];
            i += 2;
            switch (e)
            {
                case 'a': sb.Append('\a'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'v': sb.Append('\v'); break;
                case '\\': sb.Append('\\'); break;
                case '"': sb.Append('"'); break;
                case 'x' or 'u' or 'U':
                    var n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    if (i + n > body.Length) return null;
                    if (!int.TryParse(body.AsSpan(i, n), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v) ||
                        body.AsSpan(i, n).ContainsAny("+- ")) return null;
                    i += n;
                    if (e == 'x')
                    {
                        // A byte above 0x7F is carried as GoText's escaped surrogate, like any other raw byte.
                        sb.Append(v < 0x80 ? (char)v : (char)(0xDC00 + v));
                    }
                    else
                    {
                        if (!Rune.IsValid(v)) return null;
                        sb.Append(char.ConvertFromUtf32(v));
                    }
                    break;
                case >= '0' and <= '7':
                    if (i + 2 > body.Length) return null;
                    var oct = e - '0';
                    for (var k = 0; k < 2; k++)
                    {
                        var d = body[i + k];
                        if (d < '0' || d > '7') return null;
                        oct = oct * 8 + (d - '0');
                    }
                    if (oct > 255) return null;
                    i += 2;
                    sb.Append(oct < 0x80 ? (char)oct : (char)(0xDC00 + oct));
                    break;
                default:
                    return null;
            }
        }
        return sb.ToString();
    }
}
