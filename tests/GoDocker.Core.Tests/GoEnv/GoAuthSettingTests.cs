using GoDocker.Core.GoEnv;
using GoDocker.Core.Tests.Projects;

namespace GoDocker.Core.Tests.GoEnv;

/// <summary>
/// GOAUTH as cmd/go/internal/auth's runGoAuth reads it (Go 1.24+): strings.Split on ';', strings.TrimSpace and
/// strings.Fields per entry, a switch on the first word; the messages are the go command's base.Fatalf texts.
/// </summary>
public class GoAuthSettingTests
{
    [Theory]
    [InlineData(null, "netrc")]                                    // unset: cfg.GOAUTH defaults to "netrc"
    [InlineData("", "netrc")]
    [InlineData("netrc", "netrc")]
    [InlineData("off", "off")]
    [InlineData("  off  ", "off")]                                 // each entry is trimmed
    [InlineData("git /home/ci/repo", "git")]
    [InlineData("netrc;git /srv/creds", "netrc,git")]
    [InlineData("/usr/local/bin/corp-auth --url", "command")]      // any other first word is a command
    [InlineData("netrc ; /usr/bin/auth-helper", "netrc,command")]
    [InlineData("netrc extra words", "netrc")]                     // only words[0] selects the method
    [InlineData("gitx /dir", "command")]
    public void Reads_every_method(string? value, string kinds)
    {
        var result = GoAuthSetting.Parse(value);

        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => e.Message)));
        Assert.Equal(kinds, string.Join(",", result.Value.Methods.Select(m => m.Kind.ToString().ToLowerInvariant())));
    }

    [Theory]
    [InlineData("off;netrc", "GOAUTH=off cannot be combined with other authentication commands")]
    [InlineData("netrc;off", "GOAUTH=off cannot be combined with other authentication commands")]
    [InlineData("netrc;", "GOAUTH encountered an empty command")]
    [InlineData(";netrc", "GOAUTH encountered an empty command")]
    [InlineData("netrc; ;git /d", "GOAUTH encountered an empty command")]
    [InlineData("git", "GOAUTH=git dir method requires an absolute path to the git working directory")]
    [InlineData("git /a /b", "GOAUTH=git dir method requires an absolute path to the git working directory")]
    [InlineData("git relative/dir", "GOAUTH=git dir method requires an absolute path to the git working directory, dir is not absolute")]
    public void Reports_the_go_commands_errors_as_GD1048(string value, string message)
    {
        var error = Assert.Single(GoAuthSetting.Parse(value).Errors);

        Assert.Equal("GD1048", error.Descriptor.Code);
        Assert.Equal("GOAUTH", error.Variable);
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("netrc", true, false)]
    [InlineData("off", false, false)]
    [InlineData("git /srv/creds", false, true)]
    [InlineData("netrc;/usr/bin/corp-auth", true, true)]
    public void Says_whether_netrc_is_read_and_whether_credentials_come_from_inside_the_build(string value, bool netrc, bool external)
    {
        var auth = GoAuthSetting.Parse(value).Value;

        Assert.Equal(netrc, auth.UsesNetrc);
        Assert.Equal(external, auth.ExternalMethods.Any());
    }

    [Fact]
    public void A_bad_GoAuth_property_is_GD1048_at_its_line_and_a_good_one_reaches_the_Dockerfile()
    {
        using var bad = new GoProjectFixture().Set("GoAuth", "netrc;off");
        var (_, diagnostics) = bad.Read();
        var error = Assert.Single(diagnostics, d => d.Code == "GD1048");
        Assert.Equal(bad.LineOf("GoAuth"), error.Location?.Line);
        Assert.Contains("GOAUTH=off cannot be combined", error.Message);

        using var good = new GoProjectFixture().Set("GoAuth", "git /srv/git-credentials");
        Assert.Contains("GOAUTH=\"git /srv/git-credentials\"", good.Generate().Dockerfile);
    }
}
