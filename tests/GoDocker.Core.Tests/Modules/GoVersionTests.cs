using GoDocker.Core.Modules;

namespace GoDocker.Core.Tests.Modules;

/// <summary>Cases from cmd/go's gover tests, plus the orderings godocker relies on for images.</summary>
public class GoVersionTests
{
    [Theory]
    [InlineData("", "", 0)]
    [InlineData("x", "x", 0)]
    [InlineData("", "x", 0)]
    [InlineData("1", "1.1", -1)]
    [InlineData("1.5", "1.6", -1)]
    [InlineData("1.5", "1.10", -1)]
    [InlineData("1.6", "1.6.1", -1)]
    [InlineData("1.19", "1.19.0", 0)]
    [InlineData("1.19rc1", "1.19", -1)]
    [InlineData("1.20", "1.20.0", 0)]
    [InlineData("1.20rc1", "1.20", -1)]
    [InlineData("1.21", "1.21.0", -1)]
    [InlineData("1.21", "1.21rc1", -1)]
    [InlineData("1.21rc1", "1.21.0", -1)]
    [InlineData("1.6", "1.19", -1)]
    [InlineData("1.19", "1.19.1", -1)]
    [InlineData("1.19rc1", "1.19.1", -1)]
    [InlineData("1.19rc1", "1.19rc2", -1)]
    [InlineData("1.19.0", "1.19.1", -1)]
    [InlineData("1.19rc1", "1.19.0", -1)]
    [InlineData("1.19alpha3", "1.19beta2", -1)]
    [InlineData("1.19beta2", "1.19rc1", -1)]
    [InlineData("1.1", "1.99999999999999998", -1)]
    [InlineData("1.99999999999999998", "1.99999999999999999", -1)]
    [InlineData("1.22.0", "1.21.9", 1)]
    [InlineData("bad", "1.0", -1)]
    [InlineData("1.21.0-rc1", "1.21.0", -1)]
    public void Compare_orders_go_versions_like_gover(string x, string y, int want)
    {
        Assert.Equal(want, GoVersion.Compare(x, y));
        Assert.Equal(-want, GoVersion.Compare(y, x));
    }

    [Theory]
    [InlineData("1", "1", "0", "0", "", "")]
    [InlineData("1.2", "1", "2", "0", "", "")]
    [InlineData("1.2.3", "1", "2", "3", "", "")]
    [InlineData("1.2rc3", "1", "2", "", "rc", "3")]
    [InlineData("1.20", "1", "20", "0", "", "")]
    [InlineData("1.21", "1", "21", "", "", "")]
    [InlineData("1.21rc3", "1", "21", "", "rc", "3")]
    [InlineData("1.21.0", "1", "21", "0", "", "")]
    [InlineData("1.24", "1", "24", "", "", "")]
    [InlineData("1.24rc3", "1", "24", "", "rc", "3")]
    [InlineData("1.24.0", "1", "24", "0", "", "")]
    [InlineData("1.999testmod", "1", "999", "", "testmod", "")]
    [InlineData("1.99999999999999999", "1", "99999999999999999", "", "", "")]
    public void Parse_splits_like_gover(string x, string major, string minor, string patch, string kind, string pre) =>
        Assert.Equal(new GoVersion.Parts(major, minor, patch, kind, pre), GoVersion.Parse(x));

    [Theory]
    [InlineData("1.2rc3", "1.2")]
    [InlineData("1.2.3", "1.2")]
    [InlineData("1.2", "1.2")]
    [InlineData("1", "1")]
    [InlineData("1.999testmod", "1.999")]
    [InlineData("1.21.3", "1.21")]
    [InlineData("1.0.1", "1")]
    public void Lang_drops_the_release(string x, string want) => Assert.Equal(want, GoVersion.Lang(x));

    [Theory]
    [InlineData("1.2rc3", false)]
    [InlineData("1.2.3", false)]
    [InlineData("1.999testmod", false)]
    [InlineData("1.22", true)]
    [InlineData("1.21", true)]
    [InlineData("1.20", false)]
    [InlineData("1.19", false)]
    [InlineData("1.3", false)]
    [InlineData("1.2", false)]
    [InlineData("1", false)]
    public void IsLang_tells_language_from_release(string x, bool want) => Assert.Equal(want, GoVersion.IsLang(x));

    [Theory]
    [InlineData("1.2rc3", true)]
    [InlineData("1.2.3", true)]
    [InlineData("1.999testmod", true)]
    [InlineData("1.600+auto", false)]
    [InlineData("1.22", true)]
    [InlineData("1.21.0", true)]
    [InlineData("1.21rc2", true)]
    [InlineData("1.21", true)]
    [InlineData("1.20.0", true)]
    [InlineData("1.20", true)]
    [InlineData("1.19", true)]
    [InlineData("1.3", true)]
    [InlineData("1.2", true)]
    [InlineData("1", true)]
    [InlineData("01.2", false)]
    [InlineData("1.021", false)]
    [InlineData("1.21.", false)]
    [InlineData("go1.21", false)]
    [InlineData("", false)]
    public void IsValid_accepts_only_gover_forms(string x, bool want) => Assert.Equal(want, GoVersion.IsValid(x));

    // cmd/go/internal/gover's FromToolchain table (toolchain_test.go) first; GOTOOLCHAIN names go through it.
    [Theory]
    [InlineData("go1.2.3", "1.2.3")]
    [InlineData("1.2.3", null)]
    [InlineData("go1.2.3+bigcorp", null)]
    [InlineData("go1.2.3-bigcorp", "1.2.3")]
    [InlineData("go1.2.3-bigcorp more text", "1.2.3")]
    [InlineData("gccgo-go1.23rc4", null)]
    [InlineData("gccgo-go1.23rc4-bigdwarf", null)]
    [InlineData("go1.21rc2", "1.21rc2")]
    // A prerelease of a patch release is valid in internal/gover (its tests: "1.9.2rc2", "1.8.5rc4", "1.8.2beta2").
    [InlineData("go1.2.3rc1", "1.2.3rc1")]
    [InlineData("go1.21.3rc1", "1.21.3rc1")]
    [InlineData("go1.9.2rc2-bigcorp", "1.9.2rc2")]
    [InlineData("go1.21.3RC1", null)] // a kind is lowercase letters only
    [InlineData("go1.999testmod", "1.999testmod")] // any lowercase kind, as internal/gover's "1.999testmod"
    [InlineData("go1.21.3\tcustom", "1.21.3")] // tab ends the version like '-' and space
    [InlineData("gccgo-go1.21", null)] // a toolchain name must start with "go"
    [InlineData("go1.22/../x", null)] // never a path: exec.LookPath would resolve it from a relative directory
    [InlineData("go1.22\\x", null)]
    public void FromToolchain_reads_toolchain_names_like_gover(string name, string? version) =>
        Assert.Equal(version, GoVersion.FromToolchain(name));
}
