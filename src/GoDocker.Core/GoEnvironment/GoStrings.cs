namespace GoDocker.Core.GoEnvironment;

/// <summary>Go's strings.TrimSpace and strings.Fields (Unicode white space), which differ from .NET's in edge cases.</summary>
internal static class GoStrings
{
    public static bool IsSpace(char c) => c switch
    {
        '\t' or '\n' or '\v' or '\f' or '\r' or ' ' or '\u0085' or '\u00A0' => true,
        _ => c > '\u00ff' && char.IsWhiteSpace(c),
    };

    public static string TrimSpace(string s)
    {
        var start = 0;
        var end = s.Length;
        while (start < end && IsSpace(s[start]))
        {
            start++;
        }
        while (end > start && IsSpace(s[end - 1]))
        {
            end--;
        }
        return s[start..end];
    }

    public static IReadOnlyList<string> Fields(string s)
    {
        var fields = new List<string>();
        var i = 0;
        while (i < s.Length)
        {
            while (i < s.Length && IsSpace(s[i]))
            {
                i++;
            }
            var start = i;
            while (i < s.Length && !IsSpace(s[i]))
            {
                i++;
            }
            if (i > start)
            {
                fields.Add(s[start..i]);
            }
        }
        return fields;
    }
}
