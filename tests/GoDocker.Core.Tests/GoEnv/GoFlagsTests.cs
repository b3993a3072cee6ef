using GoDocker.Core.GoEnv;

namespace GoDocker.Core.Tests.GoEnv;

public class GoFlagsTests
{
    // cmd/internal/quoted's own Split table.
    [Theory]
    [InlineData("", new string[0])]
    [InlineData(" ", new string[0])]
    [InlineData("a", new[] { "a" })]
    [InlineData(" a", new[] { "a" })]
    [InlineData("a ", new[] { "a" })]
    [InlineData("a b", new[] { "a", "b" })]
    [InlineData("a  b", new[] { "a", "b" })]
    [InlineData("a\tb", new[] { "a", "b" })]
    [InlineData("a\nb", new[] { "a", "b" })]
    [InlineData("'a b'", new[] { "a b" })]
    [InlineData("\"a b\"", new[] { "a b" })]
    [InlineData("'a '\"b \"", new[] { "a ", "b " })]
    [InlineData("'a \"'\"'b\"", new[] { "a \"", "'b" })]
    [InlineData("\\'", new[] { "\\'" })]
    public void Splits_like_quoted_Split(string input, string[] expected)
    {
        Assert.True(GoFlags.TrySplitQuoted(input, out var fields, out _));
        Assert.Equal(expected, fields);
    }

    [Fact]
    public void An_unclosed_quote_is_the_quoted_Split_error()
    {
        var error = Assert.Single(GoFlags.Parse("-mod=mod '-ldflags=-s").Errors);

        Assert.Equal("GD1004", error.Descriptor.Code);
        Assert.Equal("go: parsing $GOFLAGS: unterminated ' string", error.Message);
    }

    [Fact]
    public void Reads_flags_and_values()
    {
        var flags = GoFlags.Parse("-mod=mod --trimpath \"-ldflags=-s -w\" -tags=netgo,osusergo").Value;

        Assert.Equal(["mod", "trimpath", "ldflags", "tags"], flags.Flags.Select(f => f.Name));
        Assert.Equal("-s -w", flags.ValueOf("ldflags"));
        Assert.True(flags.Contains("trimpath"));
        Assert.Null(flags.Flags[1].Value);
    }

    [Theory]
    [InlineData("mod=mod", "go: parsing $GOFLAGS: non-flag \"mod=mod\"")]
    [InlineData("-", "go: parsing $GOFLAGS: non-flag \"-\"")]
    [InlineData("--", "go: parsing $GOFLAGS: non-flag \"--\"")]
    [InlineData("---x", "go: parsing $GOFLAGS: non-flag \"---x\"")]
    [InlineData("-=x", "go: parsing $GOFLAGS: non-flag \"-=x\"")]
    [InlineData("--=x", "go: parsing $GOFLAGS: non-flag \"--=x\"")]
    [InlineData("-mod=mod -bogus", "go: parsing $GOFLAGS: unknown flag -bogus")]
    [InlineData("-mod mod", "go: parsing $GOFLAGS: non-flag \"mod\"")]
    public void Reports_the_go_commands_errors(string value, string expected)
    {
        var error = Assert.Single(GoFlags.Parse(value).Errors);

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void Older_go_commands_split_on_white_space_only()
    {
        var quoted = GoFlags.Parse("-mod=mod \"-ldflags=-s -w\"", GoFlagsSyntax.Quoted);
        var fields = GoFlags.Parse("-mod=mod \"-ldflags=-s -w\"", GoFlagsSyntax.Fields);

        Assert.True(quoted.IsValid);
        Assert.Equal("go: parsing $GOFLAGS: non-flag \"\\\"-ldflags=-s\"", Assert.Single(fields.Errors).Message);
    }

    [Fact]
    public void An_empty_known_flag_set_skips_the_unknown_flag_check()
    {
        Assert.True(GoFlags.Parse("-someflagfromthefuture=1", knownFlags: new HashSet<string>()).IsValid);
    }
}
