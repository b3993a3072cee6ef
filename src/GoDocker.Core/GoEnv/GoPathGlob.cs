using System.Text;

namespace GoDocker.Core.GoEnv;

/// <summary>
/// A faithful port of Go's <c>path.Match</c>: '*' and '?' never cross '/', character classes with ranges,
/// negation and escapes, and the same <c>ErrBadPattern</c> cases. It works on UTF-8 bytes as Go does, so
/// results agree with the go command for every input, including invalid or non-ASCII text.
/// </summary>
public static class GoPathGlob
{
    /// <summary>Go's <c>path.ErrBadPattern</c> text.</summary>
    public const string BadPatternMessage = "syntax error in pattern";

    /// <summary>Matches <paramref name="name"/> against <paramref name="pattern"/>; false when the pattern is malformed.</summary>
    public static bool IsMatch(string pattern, string name) => TryMatch(pattern, name, out var matched) && matched;

    /// <summary>Returns false when Go would return <c>ErrBadPattern</c>; otherwise sets <paramref name="matched"/>.</summary>
    public static bool TryMatch(string pattern, string name, out bool matched)
    {
        var result = Match(Encoding.UTF8.GetBytes(pattern), Encoding.UTF8.GetBytes(name));
        matched = result == MatchResult.Match;
        return result != MatchResult.BadPattern;
    }

    /// <summary>Whether Go reports the pattern as malformed (the error does not depend on the name matched).</summary>
    public static bool IsValidPattern(string pattern) => TryMatch(pattern, string.Empty, out _);

    private enum MatchResult { NoMatch, Match, BadPattern }

    private static MatchResult Match(ReadOnlySpan<byte> pattern, byte[] nameBytes)
    {
        // The unmatched rest of the name is nameBytes[pos..].
        var pos = 0;
    Pattern:
        while (pattern.Length > 0)
        {
            var star = ScanChunk(ref pattern, out var chunk);
            if (star && chunk.Length == 0)
            {
                // A trailing * matches the rest of the name unless it holds a '/'.
                return nameBytes.AsSpan(pos).IndexOf((byte)'/') < 0 ? MatchResult.Match : MatchResult.NoMatch;
            }

            var status = MatchChunk(chunk, nameBytes, pos, out var rest);
            // The last chunk must consume the whole name; otherwise a star may still match further on.
            if (status == ChunkStatus.Ok && (rest == nameBytes.Length || pattern.Length > 0))
            {
                pos = rest;
                goto Pattern;
            }
            if (status == ChunkStatus.Bad)
            {
                return MatchResult.BadPattern;
            }
            if (star)
            {
                for (var i = pos; i < nameBytes.Length && nameBytes[i] != '/'; i++)
                {
                    var skipped = MatchChunk(chunk, nameBytes, i + 1, out var t);
                    if (skipped == ChunkStatus.Ok)
                    {
                        if (pattern.Length == 0 && t < nameBytes.Length)
                        {
                            continue;
                        }
                        pos = t;
                        goto Pattern;
                    }
                    if (skipped == ChunkStatus.Bad)
                    {
                        return MatchResult.BadPattern;
                    }
                }
            }

            // Before reporting no match, check the rest of the pattern is well formed, as Go does.
            while (pattern.Length > 0)
            {
                ScanChunk(ref pattern, out var next);
                if (MatchChunk(next, [], 0, out _) == ChunkStatus.Bad)
                {
                    return MatchResult.BadPattern;
                }
            }
            return MatchResult.NoMatch;
        }
        return pos == nameBytes.Length ? MatchResult.Match : MatchResult.NoMatch;
    }

    private static bool ScanChunk(ref ReadOnlySpan<byte> pattern, out ReadOnlySpan<byte> chunk)
    {
        var star = false;
        while (pattern.Length > 0 && pattern[0] == '*')
        {
            pattern = pattern[1..];
            star = true;
        }
        var inRange = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            switch (pattern[i])
            {
                case (byte)'\\':
                    if (i + 1 < pattern.Length)
                    {
                        i++;
                    }
                    break;
                case (byte)'[':
                    inRange = true;
                    break;
                case (byte)']':
                    inRange = false;
                    break;
                case (byte)'*':
                    if (!inRange)
                    {
                        chunk = pattern[..i];
                        pattern = pattern[i..];
                        return star;
                    }
                    break;
            }
        }
        chunk = pattern;
        pattern = ReadOnlySpan<byte>.Empty;
        return star;
    }

    private enum ChunkStatus { Ok, Failed, Bad }

    private static ChunkStatus MatchChunk(ReadOnlySpan<byte> chunk, byte[] name, int start, out int rest)
    {
        rest = 0;
        ReadOnlySpan<byte> s = name.AsSpan(start);
        // After a mismatch Go keeps walking the chunk only to check that it is well formed.
        var failed = false;
        while (chunk.Length > 0)
        {
            if (!failed && s.Length == 0)
            {
                failed = true;
            }
            switch (chunk[0])
            {
                case (byte)'[':
                {
                    var r = 0;
                    if (!failed)
                    {
                        r = DecodeRune(s, out var n);
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
                        if (!GetEscaped(ref chunk, out var lo))
                        {
                            return ChunkStatus.Bad;
                        }
                        var hi = lo;
                        if (chunk[0] == '-')
                        {
                            chunk = chunk[1..];
                            if (!GetEscaped(ref chunk, out hi))
                            {
                                return ChunkStatus.Bad;
                            }
                        }
                        if (lo <= r && r <= hi)
                        {
                            match = true;
                        }
                        nrange++;
                    }
                    if (match == negated)
                    {
                        failed = true;
                    }
                    break;
                }
                case (byte)'?':
                    if (!failed)
                    {
                        if (s[0] == '/')
                        {
                            failed = true;
                        }
                        DecodeRune(s, out var n);
                        s = s[n..];
                    }
                    chunk = chunk[1..];
                    break;
                case (byte)'\\':
                    chunk = chunk[1..];
                    if (chunk.Length == 0)
                    {
                        return ChunkStatus.Bad;
                    }
                    goto default;
                default:
                    if (!failed)
                    {
                        if (chunk[0] != s[0])
                        {
                            failed = true;
                        }
                        s = s[1..];
                    }
                    chunk = chunk[1..];
                    break;
            }
        }
        if (failed)
        {
            return ChunkStatus.Failed;
        }
        rest = name.Length - s.Length;
        return ChunkStatus.Ok;
    }

    // Go's getEsc: one possibly escaped character of a class; the class must go on after it.
    private static bool GetEscaped(ref ReadOnlySpan<byte> chunk, out int r)
    {
        r = 0;
        if (chunk.Length == 0 || chunk[0] == '-' || chunk[0] == ']')
        {
            return false;
        }
        if (chunk[0] == '\\')
        {
            chunk = chunk[1..];
            if (chunk.Length == 0)
            {
                return false;
            }
        }
        r = DecodeRune(chunk, out var n);
        var ok = !(r == RuneError && n == 1);
        chunk = chunk[n..];
        return ok && chunk.Length > 0;
    }

    private const int RuneError = 0xFFFD;

    // utf8.DecodeRune: invalid or truncated sequences decode as (RuneError, 1).
    private static int DecodeRune(ReadOnlySpan<byte> s, out int size)
    {
        var status = System.Text.Rune.DecodeFromUtf8(s, out var rune, out size);
        if (status != System.Buffers.OperationStatus.Done)
        {
            size = 1;
            return RuneError;
        }
        return rune.Value;
    }
}
