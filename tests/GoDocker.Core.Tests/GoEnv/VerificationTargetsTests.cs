using GoDocker.Core.GoEnv;

namespace GoDocker.Core.Tests.GoEnv;

public class VerificationTargetsTests
{
    private static GoEnvironment Env(params (string Name, string Value)[] variables) =>
        GoEnvironmentReader.Read(new DictionaryEnvironmentSource(variables.ToDictionary(v => v.Name, v => v.Value)), InMemoryTextFileSource.Empty);

    [Fact]
    public void Lists_each_endpoint_once_in_the_go_commands_order_with_its_http_proxy()
    {
        var env = Env(
            ("GOPROXY", "https://goproxy.corp.example|https://proxy.golang.org,direct"),
            ("GOPRIVATE", "git.corp.example"),
            ("HTTPS_PROXY", "http://proxy.corp.example:3128"),
            ("NO_PROXY", ".corp.example"));

        var set = VerificationTargets.For(env, ["golang.org/x/text", "golang.org/x/net", "git.corp.example/team/lib", "github.com/spf13/cobra"]);

        Assert.Equal(
            [
                "ModuleProxy https://goproxy.corp.example/ | direct",
                "ModuleProxy https://proxy.golang.org/ , http://proxy.corp.example:3128/",
                "DirectVcsHost https://golang.org/  http://proxy.corp.example:3128/",
                "DirectVcsHost https://github.com/  http://proxy.corp.example:3128/",
                "PrivateVcsHost https://git.corp.example/  direct",
                "ChecksumDatabaseViaProxy https://goproxy.corp.example/sumdb/sum.golang.org/supported | direct",
                "ChecksumDatabaseViaProxy https://proxy.golang.org/sumdb/sum.golang.org/supported , http://proxy.corp.example:3128/",
                "ChecksumDatabase https://sum.golang.org/  http://proxy.corp.example:3128/",
            ],
            set.Targets.Select(t => $"{t.Role} {t.Uri} {(t.Fallback switch { GoProxyFallback.OnAnyError => "|", GoProxyFallback.OnNotFound => ",", _ => "" })} {t.HttpProxy?.ToString() ?? "direct"}"));
        var proxy = set.Targets[0];
        Assert.Equal(["golang.org/x/text", "golang.org/x/net", "github.com/spf13/cobra"], proxy.Modules);
        Assert.Equal("https://goproxy.corp.example/golang.org/x/text/@v/list", proxy.ProbeUris[0].ToString());
        Assert.Contains("NO_PROXY entry '.corp.example' matches", proxy.HttpProxyReason);
        var github = set.Targets.Single(t => t.Host == "github.com");
        Assert.Equal("https://github.com/spf13/cobra", github.ProbeUris[0].ToString());
        Assert.Empty(set.BlockedModules);
    }

    [Fact]
    public void Reports_modules_that_GOPROXY_off_blocks_and_no_checksum_database_when_off()
    {
        var set = VerificationTargets.For(Env(("GOPROXY", "off"), ("GOSUMDB", "off"), ("GONOPROXY", "git.corp.example")),
            ["golang.org/x/text", "git.corp.example/lib"]);

        Assert.Equal(["golang.org/x/text"], set.BlockedModules);
        var target = Assert.Single(set.Targets);
        Assert.Equal(EndpointRole.PrivateVcsHost, target.Role);
    }

    [Fact]
    public void Without_modules_every_proxy_and_the_database_are_listed()
    {
        var set = VerificationTargets.For(Env(("GOPROXY", "https://a.example,https://b.example"), ("GOSUMDB", "sum.golang.google.cn")), []);

        Assert.Equal(["https://a.example/", "https://b.example/", "https://sum.golang.google.cn/"], set.Targets.Select(t => t.Uri.ToString()));
        Assert.Equal(EndpointRole.ChecksumDatabase, set.Targets[2].Role);
    }

    [Fact]
    public void Loopback_proxies_are_never_sent_through_an_http_proxy()
    {
        var set = VerificationTargets.For(Env(("GOPROXY", "http://127.0.0.1:3000"), ("HTTP_PROXY", "http://proxy.corp.example:3128"), ("GOSUMDB", "off")), ["golang.org/x/text"]);

        var target = Assert.Single(set.Targets);
        Assert.Null(target.HttpProxy);
        Assert.Equal("loopback addresses are never proxied", target.HttpProxyReason);
    }

    [Fact]
    public void Settings_errors_travel_with_the_targets()
    {
        var set = VerificationTargets.For(Env(("GOPROXY", "ftp://x.example")), ["golang.org/x/text"]);

        Assert.Equal("GD1001", Assert.Single(set.SettingsErrors).Code);
        Assert.Equal(["golang.org/x/text"], set.BlockedModules);
    }

    [Fact]
    public void An_http_proxy_under_CGI_is_an_error_the_probe_must_report()
    {
        var set = VerificationTargets.For(Env(("GOPROXY", "http://goproxy.corp.example"), ("HTTP_PROXY", "http://proxy.corp.example:3128"),
            ("REQUEST_METHOD", "GET"), ("GOSUMDB", "off")), ["golang.org/x/text"]);

        var target = Assert.Single(set.Targets);
        Assert.Equal(HttpProxySettings.CgiError, target.HttpProxyError);
        Assert.Null(target.HttpProxy);
    }

    [Fact]
    public void File_proxies_are_listed_without_an_http_proxy()
    {
        var set = VerificationTargets.For(Env(("GOPROXY", "file:///srv/goproxy"), ("HTTPS_PROXY", "http://proxy.corp.example:3128"), ("GOSUMDB", "off")),
            ["golang.org/x/text"]);

        var target = Assert.Single(set.Targets);
        Assert.Equal("file:///srv/goproxy", target.Uri.ToString());
        Assert.Null(target.HttpProxy);
        Assert.Equal("file:///srv/goproxy/golang.org/x/text/@v/list", target.ProbeUris[0].ToString());
    }
}
