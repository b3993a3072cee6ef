using GoDocker.Core.GoEnv;

namespace GoDocker.Core.Tests.GoEnv;

public class GoProxyListTests
{
    private static string Describe(GoProxyList list) =>
        string.Join(" ", list.Entries.Select(e => e.Kind == GoProxyEntryKind.Proxy ? $"{e.Url}{(e.Fallback == GoProxyFallback.OnAnyError ? "|" : ",")}" : e.Url));

    [Theory]
    [InlineData(null, "https://proxy.golang.org, direct")]
    [InlineData("", "https://proxy.golang.org, direct")]
    [InlineData("https://proxy.golang.org,direct", "https://proxy.golang.org, direct")]
    [InlineData("goproxy.corp.example", "https://goproxy.corp.example,")]
    [InlineData("goproxy.corp.example:8443/go", "https://goproxy.corp.example:8443/go,")]
    [InlineData("http://127.0.0.1:3000|https://proxy.golang.org,direct", "http://127.0.0.1:3000| https://proxy.golang.org, direct")]
    [InlineData(" a.example , , b.example |c.example", "https://a.example, https://b.example| https://c.example,")]
    [InlineData("off", "off")]
    [InlineData("direct", "direct")]
    // "direct" and "off" end the list; what follows is ignored for forward compatibility.
    [InlineData("direct,https://never.example", "direct")]
    [InlineData("https://p.example,off,https://never.example", "https://p.example, off")]
    [InlineData("file:///srv/goproxy", "file:///srv/goproxy,")]
    public void Reads_entries_like_cmd_go(string? value, string expected)
    {
        var result = GoProxyList.Parse(value);

        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => e.Message)));
        Assert.Equal(expected, Describe(result.Value));
    }

    [Theory]
    // A single word without '.', ':' or '/' is a reserved keyword, not a host.
    [InlineData("myproxy", "invalid proxy URL missing scheme: myproxy")]
    [InlineData("ftp://mirror.example/go", "invalid proxy URL scheme (must be https, http, file): ftp://mirror.example/go")]
    [InlineData("/srv/goproxy", "invalid proxy URL missing scheme: /srv/goproxy")]
    [InlineData("file://host/srv/goproxy", "invalid file:// proxy URL with non-path elements: file://host/srv/goproxy")]
    [InlineData("https://user:secret@proxy.example", null)]
    [InlineData("ftp://user:secret@proxy.example", "invalid proxy URL scheme (must be https, http, file): ftp://user:xxxxx@proxy.example")]
    [InlineData(",", "GOPROXY list is not the empty string, but contains no entries")]
    [InlineData(" | ", "GOPROXY list is not the empty string, but contains no entries")]
    [InlineData("https://proxy example", "parse \"https://proxy example\": invalid character \" \" in host name")]
    [InlineData("https://proxy.example:port", "parse \"https://proxy.example:port\": invalid port \":port\" after host")]
    public void Reports_the_go_commands_errors(string value, string? expected)
    {
        var result = GoProxyList.Parse(value);

        if (expected is null)
        {
            Assert.True(result.IsValid);
            Assert.True(result.Value.Entries[0].HasCredentials);
            Assert.Equal("https://user:xxxxx@proxy.example", result.Value.Entries[0].Redacted);
            return;
        }
        var error = Assert.Single(result.Errors);
        Assert.Equal("GD1001", error.Descriptor.Code);
        Assert.Equal(expected, error.Message);
        Assert.Equal($"GOPROXY '{value}' is invalid: {expected}. Set it to a list of proxy URLs separated by ',' or '|', or 'direct' or 'off'.",
            error.ToDiagnostic().Message);
    }

    [Fact]
    public void Keeps_the_entries_read_before_a_bad_one()
    {
        var result = GoProxyList.Parse("https://good.example|ftp://bad.example,direct");

        Assert.False(result.IsValid);
        Assert.Equal("https://good.example", Assert.Single(result.Value.Entries).Url);
    }

    [Fact]
    public void Module_urls_are_case_escaped()
    {
        var entry = GoProxyList.Parse("https://proxy.example/go/").Value.Entries[0];

        Assert.Equal("https://proxy.example/go/github.com/!azure/azure-sdk-for-go", entry.ModuleUrl("github.com/Azure/azure-sdk-for-go"));
    }
}
