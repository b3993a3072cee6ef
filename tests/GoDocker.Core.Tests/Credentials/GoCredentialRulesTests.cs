using System.Text;
using GoDocker.Core.Credentials;
using GoDocker.Core.GoEnv;

namespace GoDocker.Core.Tests.Credentials;

/// <summary>
/// Which netrc credentials the go command sends, per release, from cmd/go/internal/auth: parseNetrc's pairs of words
/// per line; before Go 1.24 the first machine equal to url.Hostname() (no port); from 1.24 GOAUTH, machines stored as
/// URL prefixes and looked up by url.Host (with its port) plus path, walking up; HTTPS only.
/// </summary>
public class GoCredentialRulesTests
{
    // Each case is one of parseNetrc's branches: an entry reset by the next machine, a login without a password,
    // several lines or one, a macdef whose line still counts but whose following lines do not, and 'default' ending it.
    private const string Netrc = """

        machine half.example
        password only

        machine proxy.example
          login alice
          password first

        machine nologin.example
          login bob

        machine proxy.example login late password second
        machine port.example:8443 login carol password withport
        machine paths.example/team login dave password prefix

        machine macro.example macdef skip-next login erin password macro
          login mallory
          password ignored

        default
        login anonymous
        password anon

        machine after.default login frank password toolate
        """;

    private static readonly NetrcCredentials Parsed = NetrcCredentials.Parse(Netrc);

    [Fact]
    public void Parses_entries_as_the_go_command_does()
    {
        Assert.Equal(["proxy.example", "proxy.example", "port.example:8443", "paths.example/team", "macro.example"], Parsed.Machines);
    }

    public static TheoryData<string, string, string, string?> Cases => new()
    {
        // Go 1.19 (and up to 1.23): host without port, GOAUTH ignored.
        { "1.19", "off", "https://proxy.example/m/@v/list", "alice:first" },
        { "1.19", "netrc", "https://proxy.example:8443/m/@v/list", "alice:first" },
        { "1.23.4", "netrc", "https://port.example:8443/m/@v/list", null },
        { "1.19", "netrc", "http://proxy.example/m/@v/list", null },
        { "1.19", "netrc", "https://nologin.example/", null },
        { "1.19", "netrc", "https://after.default/", null },
        { "1.19", "netrc", "https://macro.example/", "erin:macro" },
        // Go 1.24 and later: GOAUTH decides, and the machine is matched with the port as a URL prefix.
        { "1.24", "netrc", "https://proxy.example/m/@v/list", "alice:first" },
        { "1.24", "netrc", "https://proxy.example:8443/m/@v/list", null },
        { "1.26.1", "netrc", "https://port.example:8443/m/@v/list", "carol:withport" },
        { "1.24", "netrc", "https://paths.example/team/m/@v/list", "dave:prefix" },
        { "1.24", "netrc", "https://paths.example/other/m/@v/list", null },
        { "1.24", "off", "https://proxy.example/m/@v/list", null },
        { "1.24", "git /srv/creds", "https://proxy.example/m/@v/list", null },
        { "1.24", "netrc;git /srv/creds", "https://proxy.example/m/@v/list", "alice:first" },
        { "1.24", "netrc", "http://proxy.example/m/@v/list", null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Sends_what_that_go_command_sends(string go, string goauth, string url, string? expected)
    {
        var rules = new GoCredentialRules(go, GoAuthSetting.Parse(goauth).Value);

        var header = Parsed.WithRules(rules).GoCommandHeaderFor(new Uri(url));

        Assert.Equal(expected, header is null ? null : Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter!)));
    }

    [Theory]
    [InlineData("1.19", "https://127.0.0.1:8443/x", "127.0.0.1")]
    [InlineData("1.24", "https://127.0.0.1:8443/x", "127.0.0.1:8443")]
    [InlineData("1.24", "https://proxy.example/x", "proxy.example")]
    [InlineData(null, "https://proxy.example:444/x", "proxy.example:444")]
    public void Names_the_machine_entry_go_would_use(string? go, string url, string machine)
    {
        Assert.Equal(machine, new GoCredentialRules(go, GoAuthSetting.Default).MachineFor(new Uri(url)));
    }

    [Fact]
    public void Before_Go_124_GOAUTH_is_ignored_and_netrc_always_read()
    {
        var rules = new GoCredentialRules("1.22.5", GoAuthSetting.Parse("off").Value);

        Assert.False(rules.ReadsGoAuth);
        Assert.True(rules.SendsNetrc);
    }
}
