using System.Text.RegularExpressions;

namespace GoDocker.Core.Dockerfiles;

/// <summary>
/// One word of a POSIX shell command line (sh, dash, busybox ash). Anything beyond a small safe alphabet is put in
/// single quotes, where the shell expands nothing: <c>$(...)</c>, backticks, <c>;</c> and <c>&amp;&amp;</c> stay text.
/// </summary>
public static partial class ShellWord
{
    public static string Quote(string word)
    {
        if (word.Length > 0 && SafeRegex().IsMatch(word))
        {
            return word;
        }
        // Inside '...' only ' itself is special; close, emit an escaped quote, reopen.
        return "'" + word.Replace("'", "'\\''") + "'";
    }

    public static string Join(IEnumerable<string> words) => string.Join(' ', words.Select(Quote));

    [GeneratedRegex(@"^[A-Za-z0-9_./:=,@%+\-]+$")]
    private static partial Regex SafeRegex();
}
