using FsCheck.Xunit;
using GoDocker.Core.GoEnv;

namespace GoDocker.Core.Tests.GoEnv;

public class GoPathGlobTests
{
    // Go's own path.Match table (src/path/match_test.go): pattern, name, match, bad pattern.
    public static TheoryData<string, string, bool, bool> GoMatchTests => new()
    {
        { "abc", "abc", true, false },
        { "*", "abc", true, false },
        { "*c", "abc", true, false },
        { "a*", "a", true, false },
        { "a*", "abc", true, false },
        { "a*", "ab/c", false, false },
        { "a*/b", "abc/b", true, false },
        { "a*/b", "a/c/b", false, false },
        { "a*b*c*d*e*/f", "axbxcxdxe/f", true, false },
        { "a*b*c*d*e*/f", "axbxcxdxexxx/f", true, false },
        { "a*b*c*d*e*/f", "axbxcxdxe/xxx/f", false, false },
        { "a*b*c*d*e*/f", "axbxcxdxexxx/fff", false, false },
        { "a*b?c*x", "abxbbxdbxebxczzx", true, false },
        { "a*b?c*x", "abxbbxdbxebxczzy", false, false },
        { "ab[c]", "abc", true, false },
        { "ab[b-d]", "abc", true, false },
        { "ab[e-g]", "abc", false, false },
        { "ab[^c]", "abc", false, false },
        { "ab[^b-d]", "abc", false, false },
        { "ab[^e-g]", "abc", true, false },
        { "a\\*b", "a*b", true, false },
        { "a\\*b", "ab", false, false },
        { "a?b", "a☺b", true, false },
        { "a[^a]b", "a☺b", true, false },
        { "a???b", "a☺b", false, false },
        { "a[^a][^a][^a]b", "a☺b", false, false },
        { "[a-ζ]*", "α", true, false },
        { "*[a-ζ]", "A", false, false },
        { "a?b", "a/b", false, false },
        { "a*b", "a/b", false, false },
        { "[\\]a]", "]", true, false },
        { "[\\-]", "-", true, false },
        { "[x\\-]", "x", true, false },
        { "[x\\-]", "-", true, false },
        { "[x\\-]", "z", false, false },
        { "[\\-x]", "x", true, false },
        { "[\\-x]", "-", true, false },
        { "[\\-x]", "a", false, false },
        { "[]a]", "]", false, true },
        { "[-]", "-", false, true },
        { "[x-]", "x", false, true },
        { "[x-]", "-", false, true },
        { "[x-]", "z", false, true },
        { "[-x]", "x", false, true },
        { "[-x]", "-", false, true },
        { "[-x]", "a", false, true },
        { "\\", "a", false, true },
        { "[a-b-c]", "a", false, true },
        { "[", "a", false, true },
        { "[^", "a", false, true },
        { "[^bc", "a", false, true },
        { "a[", "a", false, true },
        { "a[", "ab", false, true },
        { "a[", "x", false, true },
        { "a/b[", "x", false, true },
        { "*x", "xxx", true, false },
    };

    [Theory]
    [MemberData(nameof(GoMatchTests))]
    public void Matches_like_go_path_Match(string pattern, string name, bool match, bool badPattern)
    {
        var wellFormed = GoPathGlob.TryMatch(pattern, name, out var matched);

        Assert.Equal(!badPattern, wellFormed);
        Assert.Equal(match, matched);
        Assert.Equal(!badPattern, GoPathGlob.IsValidPattern(pattern));
    }

    [Property(MaxTest = 300)]
    public bool Never_throws_and_bad_patterns_never_match(string? pattern, string? name)
    {
        pattern ??= string.Empty;
        name ??= string.Empty;
        var wellFormed = GoPathGlob.TryMatch(pattern, name, out var matched);
        // Go's error does not depend on the name: a malformed pattern is malformed for every name.
        return wellFormed == GoPathGlob.IsValidPattern(pattern) && (wellFormed || !matched);
    }

    [Property(MaxTest = 300)]
    public bool A_literal_pattern_matches_itself(string? text)
    {
        text = (text ?? string.Empty).Replace("*", string.Empty).Replace("?", string.Empty).Replace("[", string.Empty).Replace("\\", string.Empty);
        return GoPathGlob.IsMatch(text, text);
    }
}
