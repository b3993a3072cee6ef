using GoDocker.Core.GoEnvironment;

namespace GoDocker.Core.Tests.GoEnvironment;

public class GoToolchainSettingTests
{
    // cmd/go/internal/gover's Compare table.
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
    [InlineData("1.19alpha3", "1.19beta2", -1)]
    [InlineData("1.19beta2", "1.19rc1", -1)]
    [InlineData("1.1", "1.99999999999999998", -1)]
    [InlineData("1.99999999999999998", "1.99999999999999999", -1)]
    public void Compares_like_gover(string x, string y, int expected)
    {
        Assert.Equal(expected, GoReleaseVersion.Compare(x, y));
        Assert.Equal(-expected, GoReleaseVersion.Compare(y, x));
    }

    [Theory]
    [InlineData("1.2rc3", true)]
    [InlineData("1.2.3", true)]
    [InlineData("1.999testmod", true)]
    [InlineData("1.600+auto", false)]
    [InlineData("1.22", true)]
    [InlineData("1.21.0", true)]
    [InlineData("1.21rc2", true)]
    [InlineData("1.20", true)]
    [InlineData("1", true)]
    [InlineData("01.2", false)]
    [InlineData("1.2.3rc1", false)]
    public void Validates_like_gover(string version, bool valid) => Assert.Equal(valid, GoReleaseVersion.IsValid(version));

    // gover's FromToolchain table.
    [Theory]
    [InlineData("go1.2.3", "1.2.3")]
    [InlineData("1.2.3", null)]
    [InlineData("go1.2.3+bigcorp", null)]
    [InlineData("go1.2.3-bigcorp", "1.2.3")]
    [InlineData("go1.2.3-bigcorp more text", "1.2.3")]
    [InlineData("gccgo-go1.23rc4", null)]
    [InlineData("gccgo-go1.23rc4-bigdwarf", null)]
    public void Reads_toolchain_names_like_gover(string name, string? version) => Assert.Equal(version, GoReleaseVersion.FromToolchain(name));

    [Theory]
    [InlineData(null, GoToolchainMode.Auto, null)]
    [InlineData("auto", GoToolchainMode.Auto, null)]
    [InlineData("path", GoToolchainMode.Path, null)]
    [InlineData("local", GoToolchainMode.Local, null)]
    [InlineData("go1.22.3", GoToolchainMode.Local, "go1.22.3")]
    [InlineData("go1.22.3+auto", GoToolchainMode.Auto, "go1.22.3")]
    [InlineData("go1.21rc2+path", GoToolchainMode.Path, "go1.21rc2")]
    [InlineData("local+auto", GoToolchainMode.Auto, null)]
    [InlineData("local+path", GoToolchainMode.Path, null)]
    [InlineData("go1.22.3-bigcorp", GoToolchainMode.Local, "go1.22.3-bigcorp")]
    public void Reads_every_form(string? value, GoToolchainMode mode, string? minimum)
    {
        var result = GoToolchainSetting.Parse(value);

        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => e.Message)));
        Assert.Equal(mode, result.Value.Mode);
        Assert.Equal(minimum, result.Value.MinimumToolchain);
    }

    [Theory]
    [InlineData("go1.22.3+bogus", "invalid GOTOOLCHAIN \"go1.22.3+bogus\": only version suffixes are +auto and +path")]
    [InlineData("1.22.3+auto", "invalid GOTOOLCHAIN \"1.22.3+auto\": invalid minimum toolchain \"1.22.3\"")]
    [InlineData("1.22.3", "invalid GOTOOLCHAIN \"1.22.3\"")]
    [InlineData("bash", "invalid GOTOOLCHAIN \"bash\"")]
    [InlineData("go2", "invalid GOTOOLCHAIN \"go2\"")]
    [InlineData("go1.22/../x", "invalid GOTOOLCHAIN \"go1.22/../x\"")]
    public void Reports_the_go_commands_errors(string value, string expected)
    {
        var error = Assert.Single(GoToolchainSetting.Parse(value).Errors);

        Assert.Equal("GD1005", error.Descriptor.Code);
        Assert.Equal(expected, error.Message);
    }
}
