using GoDocker.Core.GoEnv;

namespace GoDocker.Core.Tests.GoEnv;

public class GoToolchainSettingTests
{
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
    [InlineData("go1.21.3rc1+auto", GoToolchainMode.Auto, "go1.21.3rc1")]
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
    [InlineData("gccgo-go1.21", "invalid GOTOOLCHAIN \"gccgo-go1.21\"")]
    public void Reports_the_go_commands_errors(string value, string expected)
    {
        var error = Assert.Single(GoToolchainSetting.Parse(value).Errors);

        Assert.Equal("GD1005", error.Descriptor.Code);
        Assert.Equal(expected, error.Message);
    }
}
