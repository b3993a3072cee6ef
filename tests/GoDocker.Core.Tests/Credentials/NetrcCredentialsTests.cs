using GoDocker.Core.Credentials;

namespace GoDocker.Core.Tests.Credentials;

public class NetrcCredentialsTests
{
    private static readonly NetrcCredentials Netrc = NetrcCredentials.Parse("machine proxy.corp login ci password s3cret\nmachine other.corp login a password b\n");

    [Fact]
    public void Like_the_go_command_credentials_go_only_to_https_hosts_named_in_netrc()
    {
        var header = Netrc.GoCommandHeaderFor(new Uri("https://proxy.corp:8443/example.com/m/@v/list"));
        Assert.NotNull(header);
        Assert.Equal("Basic", header.Scheme);
        Assert.Equal("ci:s3cret", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter!)));

        Assert.Null(Netrc.GoCommandHeaderFor(new Uri("http://proxy.corp/example.com/m/@v/list")));
        Assert.Null(Netrc.GoCommandHeaderFor(new Uri("https://unknown.corp/")));
    }

    [Fact]
    public void The_header_text_never_shows_the_password_in_clear()
    {
        var header = Netrc.GoCommandHeaderFor(new Uri("https://proxy.corp/"))!;
        Assert.DoesNotContain("s3cret", header.ToString());
    }
}
