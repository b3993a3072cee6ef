using System.Text.RegularExpressions;

namespace GoDocker.Core.Projects;

/// <summary>
/// Recognizes values that look like credentials, so that a token pasted into a property, ARG, ENV or URL is
/// stopped before it is written into a Dockerfile or an image layer. Known token formats are matched by prefix;
/// anything else must be long, mixed and random-looking (high Shannon entropy), so hex digests and paths pass.
/// </summary>
public static partial class SecretLikeValue
{
    private const int MinRandomLength = 32;
    private const double MinBitsPerChar = 4.2;

    /// <summary>Why <paramref name="value"/> looks like a secret, or null.</summary>
    /// <param name="value">The text to check.</param>
    /// <param name="includeRandomStrings">False for values that hold public keys by design (GOSUMDB's verifier key).</param>
    public static string? Explain(string? value, bool includeRandomStrings = true)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        if (UrlCredentials(value) is not null)
        {
            return "a URL with 'user:password@'";
        }
        foreach (Match word in WordRegex().Matches(value))
        {
            var w = word.Value;
            if (KnownTokenRegex().Match(w) is { Success: true } known)
            {
                return known.Groups["github"].Success ? "a GitHub token"
                    : known.Groups["gitlab"].Success ? "a GitLab token"
                    : known.Groups["aws"].Success ? "an AWS access key id"
                    : known.Groups["slack"].Success ? "a Slack token"
                    : "a token";
            }
            if (JwtRegex().IsMatch(w))
            {
                return "a JSON Web Token";
            }
        }
        if (!includeRandomStrings)
        {
            return null;
        }
        // Paths and host names are split apart first, so only an unbroken run of token characters counts.
        foreach (Match word in RandomWordRegex().Matches(value))
        {
            if (LooksRandom(word.Value))
            {
                return $"a random-looking string of {word.Value.Length} characters";
            }
        }
        return null;
    }

    /// <summary>The <c>user:password</c> part of a URL in <paramref name="value"/>, or null.</summary>
    public static string? UrlCredentials(string value)
    {
        var m = UrlUserInfoRegex().Match(value);
        return m.Success ? m.Groups["userinfo"].Value : null;
    }

    private static bool LooksRandom(string word)
    {
        if (word.Length < MinRandomLength)
        {
            return false;
        }
        bool upper = false, lower = false, digit = false;
        foreach (var c in word)
        {
            upper |= char.IsAsciiLetterUpper(c);
            lower |= char.IsAsciiLetterLower(c);
            digit |= char.IsAsciiDigit(c);
        }
        if (!(upper && lower && digit))
        {
            return false; // hex digests, module paths and words are single-case or lack digits
        }
        return BitsPerChar(word) >= MinBitsPerChar;
    }

    internal static double BitsPerChar(string s)
    {
        var counts = new Dictionary<char, int>();
        foreach (var c in s)
        {
            counts[c] = counts.GetValueOrDefault(c) + 1;
        }
        double bits = 0;
        foreach (var n in counts.Values)
        {
            var p = (double)n / s.Length;
            bits -= p * Math.Log2(p);
        }
        return bits;
    }

    // Token alphabets: letters, digits and the separators base64/base64url and token formats use.
    [GeneratedRegex(@"[A-Za-z0-9_+/=.\-]+")]
    private static partial Regex WordRegex();

    [GeneratedRegex(@"[A-Za-z0-9_+=\-]+")]
    private static partial Regex RandomWordRegex();

    [GeneratedRegex(@"(?<github>^(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}))|(?<gitlab>^glpat-[A-Za-z0-9_\-]{16,})|(?<aws>^(?:AKIA|ASIA)[A-Z0-9]{16}$)|(?<slack>^xox[bpas]-[A-Za-z0-9-]{10,})")]
    private static partial Regex KnownTokenRegex();

    [GeneratedRegex(@"^eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*$")]
    private static partial Regex JwtRegex();

    [GeneratedRegex(@"[A-Za-z][A-Za-z0-9+.\-]*://(?<userinfo>[^/@\s:]*:[^/@\s]*)@")]
    private static partial Regex UrlUserInfoRegex();
}
