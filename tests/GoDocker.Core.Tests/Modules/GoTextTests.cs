using GoDocker.Core.Modules;

namespace GoDocker.Core.Tests.Modules;

public class GoTextTests
{
    [Theory]
    [InlineData("abc", "\"abc\"")]
    [InlineData("a\"b\\c", "\"a\\\"b\\\\c\"")]
    [InlineData("tab\there\n", "\"tab\\there\\n\"")]
    [InlineData("\u0001\u007f", "\"\\x01\\x7f\"")]
    [InlineData("café", "\"café\"")]
    [InlineData("nb\u00a0sp", "\"nb\\u00a0sp\"")]
    [InlineData("\u200b", "\"\\u200b\"")]
    public void Quote_matches_strconv_Quote(string s, string want) => Assert.Equal(want, GoText.Quote(s));

    [Fact]
    public void Invalid_utf8_survives_as_escaped_bytes()
    {
        var s = GoText.FromBytes([0x61, 0xff, 0xc3, 0xa9, 0x80]);
        Assert.False(GoText.IsValidUtf8(s));
        Assert.Equal("\"a\\xffé\\x80\"", GoText.Quote(s));
        Assert.Equal(new byte[] { 0x61, 0xff, 0xc3, 0xa9, 0x80 }, GoText.ToBytes(s));
        Assert.Equal("'\\''", GoText.QuoteRune('\''));
        Assert.Equal("'\\x00'", GoText.QuoteRune(0));
    }
}
