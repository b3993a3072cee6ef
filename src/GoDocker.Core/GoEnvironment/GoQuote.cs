using System.Globalization;
using System.Text;

namespace GoDocker.Core.GoEnvironment;

/// <summary>Go's <c>%q</c> / strconv.Quote for the strings that appear in go command errors.</summary>
internal static class GoQuote
{
    public static string Quote(string s)
    {
        var builder = new StringBuilder(s.Length + 2).Append('"');
        foreach (var rune in s.EnumerateRunes())
        {
            var c = rune.Value;
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\a': builder.Append("\\a"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\v': builder.Append("\\v"); break;
                default:
                    if (c < 0x20 || c == 0x7f)
                    {
                        builder.Append("\\x").Append(c.ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else if (Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.OtherNotAssigned or UnicodeCategory.PrivateUse)
                    {
                        builder.Append(c <= 0xFFFF ? "\\u" + c.ToString("x4", CultureInfo.InvariantCulture) : "\\U" + c.ToString("x8", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(rune.ToString());
                    }
                    break;
            }
        }
        return builder.Append('"').ToString();
    }
}
