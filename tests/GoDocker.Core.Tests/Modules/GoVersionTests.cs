using GoDocker.Core.Modules;

namespace GoDocker.Core.Tests.Modules;

public class GoVersionTests
{
    [Theory]
    [InlineData("1.21", "1.21rc1", -1)]
    [InlineData("1.21rc1", "1.21.0", -1)]
    [InlineData("1.21.0", "1.21.1", -1)]
    [InlineData("1.20", "1.20.0", 0)]
    [InlineData("1.19", "1.21", -1)]
    [InlineData("1.21.0-rc1", "1.21.0", -1)]
    [InlineData("1.22.0", "1.21.9", 1)]
    [InlineData("1.99999999999", "1.9", 1)]
    [InlineData("1", "1.0.0", 0)]
    [InlineData("bad", "1.0", -1)]
    [InlineData("bad", "worse", 0)]
    [InlineData("1.21beta1", "1.21rc1", -1)]
    [InlineData("1.21.0alpha1", "1.21.0", -1)]
    public void Compare_orders_go_versions_like_gover(string x, string y, int want)
    {
        Assert.Equal(want, GoVersion.Compare(x, y));
        Assert.Equal(-want, GoVersion.Compare(y, x));
    }

    [Theory]
    [InlineData("1.21", true)]
    [InlineData("1.21.0", true)]
    [InlineData("1.21rc1", true)]
    [InlineData("1", true)]
    [InlineData("1.021", false)]
    [InlineData("1.21.", false)]
    [InlineData("go1.21", false)]
    [InlineData("1.21-rc1", false)]
    [InlineData("", false)]
    public void IsValid_accepts_only_gover_forms(string x, bool want) => Assert.Equal(want, GoVersion.IsValid(x));

    [Theory]
    [InlineData("1.21.3", "1.21")]
    [InlineData("1.21rc2", "1.21")]
    [InlineData("1.0.1", "1")]
    [InlineData("1.19", "1.19")]
    public void Lang_drops_the_release(string x, string want) => Assert.Equal(want, GoVersion.Lang(x));

    [Fact]
    public void IsLang_tells_language_from_release()
    {
        Assert.True(GoVersion.IsLang("1.21"));
        Assert.False(GoVersion.IsLang("1.21.0"));
        Assert.False(GoVersion.IsLang("1.21rc1"));
    }
}
