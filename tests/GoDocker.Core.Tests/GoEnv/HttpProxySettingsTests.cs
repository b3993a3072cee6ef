using GoDocker.Core.GoEnv;

namespace GoDocker.Core.Tests.GoEnv;

public class HttpProxySettingsTests
{
    // golang.org/x/net/http/httpproxy's proxyForURLTests: http proxy, https proxy, no proxy, request, want.
    [Theory]
    [InlineData("127.0.0.1:8080", "", "", "http://example.com", "http://127.0.0.1:8080")]
    [InlineData("cache.corp.example.com:1234", "", "", "http://example.com", "http://cache.corp.example.com:1234")]
    [InlineData("cache.corp.example.com", "", "", "http://example.com", "http://cache.corp.example.com")]
    [InlineData("localhost", "", "", "http://example.com", "http://localhost")]
    [InlineData("https://cache.corp.example.com", "", "", "http://example.com", "https://cache.corp.example.com")]
    [InlineData("http://127.0.0.1:8080", "", "", "http://example.com", "http://127.0.0.1:8080")]
    [InlineData("https://127.0.0.1:8080", "", "", "http://example.com", "https://127.0.0.1:8080")]
    [InlineData("socks5://127.0.0.1", "", "", "http://example.com", "socks5://127.0.0.1")]
    [InlineData("foo://host", "", "", "http://example.com", "foo://host")]
    [InlineData("http.proxy.tld", "secure.proxy.tld", "", "http://insecure.tld/", "http://http.proxy.tld")]
    [InlineData("http.proxy.tld", "secure.proxy.tld", "", "https://secure.tld/", "http://secure.proxy.tld")]
    [InlineData("http.proxy.tld", "https://secure.proxy.tld", "", "https://secure.tld/", "https://secure.proxy.tld")]
    [InlineData("http.proxy.tld", "", "", "https://secure.tld/", null)]
    [InlineData("http.proxy.tld", "", "", "ftp://insecure.tld/", null)]
    [InlineData("", "", "", "http://example.com", null)]
    [InlineData("proxy", "", "example.com", "http://example.com/", null)]
    [InlineData("proxy", "", ".example.com", "http://example.com/", "http://proxy")]
    [InlineData("proxy", "", "ample.com", "http://example.com/", "http://proxy")]
    [InlineData("proxy", "", "example.com", "http://foo.example.com/", null)]
    [InlineData("proxy", "", ".foo.com", "http://example.com/", "http://proxy")]
    [InlineData("proxy", "", ".示例.com", "http://www.示例.com", null)]
    [InlineData("proxy", "", "xn--fsq092h.com", "http://www.示例.com", null)]
    [InlineData("proxy", "", "示例.com", "http://www.xn--fsq092h.com", null)]
    public void Chooses_the_proxy_like_httpproxy(string http, string https, string noProxy, string request, string? expected)
    {
        var settings = new HttpProxySettings(http, https, noProxy, Cgi: false);

        var decision = settings.ProxyFor(request);

        Assert.Null(decision.Error);
        Assert.Equal(expected, decision.ProxyUrl);
    }

    [Fact]
    public void Refuses_HTTP_PROXY_under_CGI_but_keeps_HTTPS_PROXY()
    {
        var settings = new HttpProxySettings("http://10.1.2.3:8080", "https://secure.proxy.tld", string.Empty, Cgi: true);

        Assert.Equal(HttpProxySettings.CgiError, settings.ProxyFor("http://example.com").Error);
        Assert.Equal("https://secure.proxy.tld", settings.ProxyFor("https://secure.tld/").ProxyUrl);
    }

    private const string NoProxyList = "foobar.com, .barbaz.net, *.wildcard.io, 192.168.1.1, 192.168.1.2:81, 192.168.1.3:80, 10.0.0.0/30, 2001:db8::52:0:1, [2001:db8::52:0:2]:443, [2001:db8::52:0:3]:80, 2002:db8:a::45/64";

    // httpproxy's UseProxyTests (host on port 80): true means the proxy is used.
    [Theory]
    [InlineData("localhost", false)]
    [InlineData("127.0.0.1", false)]
    [InlineData("127.0.0.2", false)]
    [InlineData("[::1]", false)]
    [InlineData("[::2]", true)]
    [InlineData("192.168.1.1", false)]
    [InlineData("192.168.1.2", true)]
    [InlineData("192.168.1.3", false)]
    [InlineData("192.168.1.4", true)]
    [InlineData("10.0.0.2", false)]
    [InlineData("[2001:db8::52:0:1]", false)]
    [InlineData("[2001:db8::52:0:2]", true)]
    [InlineData("[2001:db8::52:0:3]", false)]
    [InlineData("[2002:db8:a::123]", false)]
    [InlineData("[fe80::424b:c8be:1643:a1b6]", true)]
    [InlineData("barbaz.net", true)]
    [InlineData("www.barbaz.net", false)]
    [InlineData("foobar.com", false)]
    [InlineData("www.foobar.com", false)]
    [InlineData("foofoobar.com", true)]
    [InlineData("baz.com", true)]
    [InlineData("localhost.net", true)]
    [InlineData("local.localhost", true)]
    [InlineData("barbarbaz.net", true)]
    [InlineData("wildcard.io", true)]
    [InlineData("nested.wildcard.io", false)]
    [InlineData("awildcard.io", true)]
    public void Applies_NO_PROXY_like_httpproxy(string host, bool proxied)
    {
        var settings = new HttpProxySettings("http://proxy.corp.example:3128", string.Empty, NoProxyList, Cgi: false);
        var star = new HttpProxySettings("http://proxy.corp.example:3128", string.Empty, "*", Cgi: false);

        Assert.Equal(proxied, settings.ProxyFor($"http://{host}:80/").UsesProxy);
        Assert.False(star.ProxyFor($"http://{host}:80/").UsesProxy);
    }

    [Fact]
    public void A_malformed_NO_PROXY_entry_is_ignored()
    {
        var settings = new HttpProxySettings("http://proxy.corp.example:3128", string.Empty, ":1", Cgi: false);

        Assert.True(settings.ProxyFor("http://example.com:80/").UsesProxy);
    }

    [Fact]
    public void Reads_upper_case_variables_before_lower_case_ones()
    {
        var env = new DictionaryEnvironmentSource(new Dictionary<string, string>
        {
            ["HTTPS_PROXY"] = "http://upper.example:3128",
            ["https_proxy"] = "http://lower.example:3128",
            ["http_proxy"] = "http://lower-http.example:3128",
            ["no_proxy"] = ".corp.example",
            ["REQUEST_METHOD"] = "GET",
        });

        var settings = HttpProxySettings.FromEnvironment(env);

        Assert.Equal(new HttpProxySettings("http://upper.example:3128", "http://lower-http.example:3128", ".corp.example", true) with
        {
            HttpProxy = "http://lower-http.example:3128",
            HttpsProxy = "http://upper.example:3128",
        }, settings);
        Assert.Contains("NO_PROXY entry '.corp.example' matches", settings.ProxyFor("https://goproxy.corp.example/").Reason);
    }
}
