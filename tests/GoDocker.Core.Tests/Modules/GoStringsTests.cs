using GoDocker.Core.Modules;

namespace GoDocker.Core.Tests.Modules;

/// <summary>Go's white space, where it differs from .NET's: U+0085, U+00A0 and the U+2000 block count; U+200B and U+FEFF do not.</summary>
public class GoStringsTests
{
    [Theory]
    [InlineData("", new string[0])]
    [InlineData(" \t\r\n\v\f", new string[0])]
    [InlineData("  a  b\tc\n", new[] { "a", "b", "c" })]
    [InlineData("x\u00a0y\u0085z", new[] { "x", "y", "z" })]
    [InlineData("go\u20001.21\u3000ok", new[] { "go", "1.21", "ok" })]
    [InlineData("a\u200bb\ufeffc", new[] { "a\u200bb\ufeffc" })]
    [InlineData("// indirect; why", new[] { "//", "indirect;", "why" })]
    public void Fields_splits_on_go_white_space(string s, string[] want) => Assert.Equal(want, GoStrings.Fields(s));

    [Theory]
    [InlineData("\u00a0 https://proxy.invalid \u2029", "https://proxy.invalid")]
    [InlineData("\u200bdirect\u200b", "\u200bdirect\u200b")]
    [InlineData(" \t ", "")]
    public void TrimSpace_trims_go_white_space(string s, string want) => Assert.Equal(want, GoStrings.TrimSpace(s));

    [Theory]
    [InlineData(' ', true)]
    [InlineData('\u0085', true)]
    [InlineData('\u1680', true)]
    [InlineData('\u202f', true)]
    [InlineData('\u180e', false)]
    [InlineData('\u200b', false)]
    [InlineData('\ufeff', false)]
    [InlineData('x', false)]
    public void IsSpace_is_unicode_IsSpace(char c, bool want) => Assert.Equal(want, GoStrings.IsSpace(c));
}
