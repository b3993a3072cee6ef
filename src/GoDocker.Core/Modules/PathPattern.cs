namespace GoDocker.Core.Modules;

/// <summary>
/// Go's path.Match glob syntax (<c>*</c>, <c>?</c>, <c>[...]</c>, <c>\</c> escapes; never across '/'), and
/// module.MatchPrefixPatterns, which GOPRIVATE, GONOPROXY, GONOSUMDB and GOINSECURE use.
/// </summary>
public static class PathPattern
{
    /// <summary>Whether any comma-separated glob matches a leading run of target's path elements.</summary>
    public static bool MatchPrefixPatterns(string globs, string target)
    {
        foreach (var raw in globs.Split(','))
        {
            var glob = raw.EndsWith('/') ? raw[..^1] : raw;
            if (glob.Length == 0) continue;
            var n = glob.Count(c => c == '/');
            var prefix = target;
            for (var i = 0; i < target.Length; i++)
            {
                if (target[i] != '/') continue;
                if (n == 0)
                {
                    prefix = target[..i];
                    break;
                }
                n--;
            }
            if (n > 0) continue; // fewer path elements than the pattern has
            if (Match(glob, prefix, out _)) return true;
        }
        return false;
    }

    /// <summary>path.Match; <paramref name="badPattern"/> is set (and false returned) for a malformed pattern.</summary>
    public static bool Match(string pattern, string name, out bool badPattern)
    {
        badPattern = false;
        var p = pattern;
        var s = name;
        while (p.Length > 0)
        {
            var (star, chunk, rest) = ScanChunk(p);
            p = rest;
            if (star && chunk.Length == 0)
            {
                // A trailing * matches the rest unless it holds a '/'.
                if (s.Contains('/')) return ValidateRest(p, ref badPattern);
                return true;
            }
            var (t, ok, err) = MatchChunk(chunk, s);
            if (err)
            {
                badPattern = true;
                return false;
            }
            if (ok && (t.Length == 0 || p.Length > 0))
            {
                s = t;
                continue;
            }
            if (star)
            {
                var found = false;
                for (var i = 0; i < s.Length && s[i] != '/'; i++)
                {
                    (t, ok, err) = MatchChunk(chunk, s[(i + 1)..]);
                    if (ok)
                    {
                        if (p.Length == 0 && t.Length > 0) continue;
                        s = t;
                        found = true;
                        break;
                    }
                    if (err)
                    {
                        badPattern = true;
                        return false;
                    }
                }
                if (found) continue;
            }
            return ValidateRest(p, ref badPattern);
        }
        return s.Length == 0;
    }

    // Go reports a malformed pattern even after a mismatch, so the remainder is still checked.
    private static bool ValidateRest(string p, ref bool badPattern)
    {
        while (p.Length > 0)
        {
            var (_, chunk, rest) = ScanChunk(p);
            p = rest;
            if (MatchChunk(chunk, "").Err)
            {
                badPattern = true;
                return false;
            }
        }
        return false;
    }

    private static (bool Star, string Chunk, string Remainder) ScanChunk(string p)
    {
        var star = false;
        while (p.Length > 0 && p[0] == '*')
        {
            p = p[1..];
            star = true;
        }
        var inRange = false;
        int i;
        for (i = 0; i < p.Length; i++)
        {
            var c = p[i];
            if (c == '\\')
            {
                if (i + 1 < p.Length) i++;
            }
            else if (c == '[') inRange = true;
            else if (c == ']') inRange = false;
            else if (c == '*' && !inRange) break;
        }
        return (star, p[..i], p[i..]);
    }

    private static (string Remainder, bool Ok, bool Err) MatchChunk(string chunk, string s)
    {
        var failed = false;
        while (chunk.Length > 0)
        {
            if (!failed && s.Length == 0) failed = true;
            switch (chunk[0])
            {
                case '[':
                {
                    var r = 0;
                    var n = 0;
                    if (!failed)
                    {
                        (r, n) = NextRune(s);
                        s = s[n..];
                    }
                    chunk = chunk[1..];
                    var negated = false;
                    if (chunk.Length > 0 && chunk[0] == '^')
                    {
                        negated = true;
                        chunk = chunk[1..];
                    }
                    var match = false;
                    var nrange = 0;
                    while (true)
                    {
                        if (chunk.Length > 0 && chunk[0] == ']' && nrange > 0)
                        {
                            chunk = chunk[1..];
                            break;
                        }
                        if (!GetEsc(ref chunk, out var lo)) return ("", false, true);
                        var hi = lo;
                        if (chunk.Length > 0 && chunk[0] == '-')
                        {
                            chunk = chunk[1..];
                            if (!GetEsc(ref chunk, out hi)) return ("", false, true);
                        }
                        if (lo <= r && r <= hi) match = true;
                        nrange++;
                    }
                    if (match == negated) failed = true;
                    break;
                }
                case '?':
                    if (!failed)
                    {
                        if (s[0] == '/') failed = true;
                        var (_, n) = NextRune(s);
                        s = s[n..];
                    }
                    chunk = chunk[1..];
                    break;
                case '\\':
                    chunk = chunk[1..];
                    if (chunk.Length == 0) return ("", false, true);
                    goto default;
                default:
                    if (!failed)
                    {
                        if (chunk[0] != s[0]) failed = true;
                        s = s[1..];
                    }
                    chunk = chunk[1..];
                    break;
            }
        }
        return failed ? ("", false, false) : (s, true, false);
    }

    private static bool GetEsc(ref string chunk, out int r)
    {
        r = 0;
        if (chunk.Length == 0 || chunk[0] == '-' || chunk[0] == ']') return false;
        if (chunk[0] == '\\')
        {
            chunk = chunk[1..];
            if (chunk.Length == 0) return false;
        }
        int n;
        (r, n) = NextRune(chunk);
        chunk = chunk[n..];
        return chunk.Length > 0;
    }

    private static (int Rune, int Length) NextRune(string s) =>
        System.Text.Rune.TryGetRuneAt(s, 0, out var r) ? (r.Value, r.Utf16SequenceLength) : (0xFFFD, 1);
}
