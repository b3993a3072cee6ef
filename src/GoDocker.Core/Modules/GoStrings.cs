using System.Text;

namespace GoDocker.Core.Modules;

/// <summary>
/// Go's unicode.IsSpace, strings.TrimSpace and strings.Fields, which differ from .NET's in edge cases; go.mod,
/// go.work and the go environment variables all split text by these rules.
/// </summary>
internal static class GoStrings
{
    public static bool IsSpace(int r)
    {
        if (r <= 0xFF) return r is '\t' or '\n' or '\v' or '\f' or '\r' or ' ' or 0x85 or 0xA0;
        return Rune.IsValid(r) && Rune.IsWhiteSpace(new Rune(r));
    }

    public static string TrimSpace(string s)
    {
        var start = 0;
        var end = s.Length;
        while (start < end && IsSpace(s[start])) start++;
        while (end > start && IsSpace(s[end - 1])) end--;
        return s[start..end];
    }

    public static IReadOnlyList<string> Fields(string s)
    {
        var fields = new List<string>();
        var i = 0;
        while (i < s.Length)
        {
            while (i < s.Length && IsSpace(s[i])) i++;
            var start = i;
            while (i < s.Length && !IsSpace(s[i])) i++;
            if (i > start) fields.Add(s[start..i]);
        }
        return fields;
    }
}
