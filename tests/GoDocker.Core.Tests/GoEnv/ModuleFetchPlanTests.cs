using GoDocker.Core.GoEnv;

namespace GoDocker.Core.Tests.GoEnv;

public class ModuleFetchPlanTests
{
    private static GoEnvironment Env(params (string Name, string Value)[] variables) =>
        GoEnvironmentReader.Read(new DictionaryEnvironmentSource(variables.ToDictionary(v => v.Name, v => v.Value)), InMemoryTextFileSource.Empty);

    private static string Steps(ModuleFetchPlan plan) =>
        string.Join(" ", plan.Steps.Select(s => s.Kind switch
        {
            FetchStepKind.Proxy => $"{s.Url}{(s.Fallback == GoProxyFallback.OnAnyError ? "|" : ",")}",
            FetchStepKind.Direct => "direct:" + s.Url,
            _ => "off",
        }));

    [Fact]
    public void Default_settings_ask_proxy_golang_org_then_the_origin_and_check_sum_golang_org()
    {
        var plan = Env().PlanFetch("github.com/BurntSushi/toml");

        Assert.Equal("https://proxy.golang.org/github.com/!burnt!sushi/toml/@v/list, direct:https://github.com/BurntSushi/toml?go-get=1", Steps(plan));
        Assert.Equal("https://github.com/BurntSushi/toml", plan.Steps[1].RepositoryUrl);
        Assert.False(plan.IsBlocked);
        Assert.True(plan.ChecksumDb.IsConsulted);
        Assert.Equal("sum.golang.org", plan.ChecksumDb.Name);
        Assert.Equal([ChecksumDbAccessKind.ViaProxy, ChecksumDbAccessKind.Direct], plan.ChecksumDb.Accesses.Select(a => a.Kind));
        Assert.Equal("https://proxy.golang.org/sumdb/sum.golang.org/supported", plan.ChecksumDb.Accesses[0].SupportedUrl);
        Assert.Equal("https://sum.golang.org", plan.ChecksumDb.Accesses[1].BaseUrl);
        Assert.Equal("https://sum.golang.org/lookup/github.com/!burnt!sushi/toml@v1.3.2", plan.ChecksumDb.Accesses[1].LookupUrl("github.com/BurntSushi/toml", "v1.3.2"));
    }

    // The proxy lists of cmd/go's mod_proxy_list script test: ',' moves on only after 404/410, '|' after any error.
    [Theory]
    [InlineData("http://127.0.0.1:1/404,http://127.0.0.1:1/410,http://127.0.0.1:1", "http://127.0.0.1:1/404/rsc.io/quote/@v/list, http://127.0.0.1:1/410/rsc.io/quote/@v/list, http://127.0.0.1:1/rsc.io/quote/@v/list,")]
    [InlineData("http://127.0.0.1:1/403,http://127.0.0.1:1", "http://127.0.0.1:1/403/rsc.io/quote/@v/list, http://127.0.0.1:1/rsc.io/quote/@v/list,")]
    [InlineData("http://127.0.0.1:1/500|https://0.0.0.0|http://127.0.0.1:1", "http://127.0.0.1:1/500/rsc.io/quote/@v/list| https://0.0.0.0/rsc.io/quote/@v/list| http://127.0.0.1:1/rsc.io/quote/@v/list,")]
    public void Follows_the_proxy_list_in_order_with_its_separators(string goproxy, string expected)
    {
        Assert.Equal(expected, Steps(Env(("GOPROXY", goproxy)).PlanFetch("rsc.io/quote")));
    }

    [Fact]
    public void GOPROXY_off_blocks_modules_not_matched_by_GONOPROXY()
    {
        // From cmd/go's mod_gonoproxy script test.
        var env = Env(("GOPROXY", "off"), ("GONOPROXY", "*/fortune"));

        var blocked = env.PlanFetch("golang.org/x/text");
        var allowed = env.PlanFetch("rsc.io/fortune");

        Assert.True(blocked.IsBlocked);
        Assert.Equal("module lookup disabled by GOPROXY=off", blocked.BlockedBy);
        Assert.False(allowed.IsBlocked);
        Assert.Equal("direct:https://rsc.io/fortune?go-get=1", Steps(allowed));
    }

    [Fact]
    public void An_empty_list_blocks_everything_with_the_go_commands_error()
    {
        var plan = Env(("GOPROXY", ",")).PlanFetch("golang.org/x/text");

        Assert.Equal("GOPROXY list is not the empty string, but contains no entries", plan.BlockedBy);
        Assert.Empty(plan.Steps);
    }

    [Fact]
    public void Private_modules_go_only_to_their_origin_and_skip_the_checksum_database()
    {
        var env = Env(("GOPROXY", "https://goproxy.corp.example,https://proxy.golang.org,direct"), ("GOPRIVATE", "git.corp.example/*"));

        var plan = env.PlanFetch("git.corp.example/platform/api");
        var publicPlan = env.PlanFetch("golang.org/x/text");

        Assert.True(plan.IsPrivate);
        Assert.Equal("direct:https://git.corp.example/platform/api?go-get=1", Steps(plan));
        Assert.Contains("GOPRIVATE pattern 'git.corp.example/*'", plan.Steps[0].Why);
        Assert.False(plan.ChecksumDb.IsConsulted);
        Assert.Equal("matches GOPRIVATE pattern 'git.corp.example/*'", plan.ChecksumDb.Why);
        Assert.Equal(3, publicPlan.Steps.Count);
        Assert.True(publicPlan.ChecksumDb.IsConsulted);
    }

    [Fact]
    public void GONOPROXY_none_proxies_private_modules_but_GONOSUMDB_still_skips_the_database()
    {
        var env = Env(("GOPRIVATE", "*/quote,*/*mple*,golang.org/x"), ("GONOPROXY", "none"));

        var plan = env.PlanFetch("rsc.io/sampler");

        Assert.False(plan.IsPrivate);
        Assert.Equal(FetchStepKind.Proxy, plan.Steps[0].Kind);
        Assert.False(plan.ChecksumDb.IsConsulted);
    }

    [Fact]
    public void GOINSECURE_allows_plain_http_for_direct_fetches()
    {
        var plan = Env(("GOPROXY", "direct"), ("GOINSECURE", "*.lan")).PlanFetch("build.lan/tools");

        Assert.True(plan.Steps[0].InsecureAllowed);
        Assert.Contains("GOINSECURE", plan.Steps[0].Why);
    }

    [Fact]
    public void GOSUMDB_off_or_an_explicit_url_change_the_database_route()
    {
        var off = Env(("GOSUMDB", "off")).PlanFetch("golang.org/x/text");
        var china = Env(("GOSUMDB", "sum.golang.google.cn")).PlanFetch("golang.org/x/text");
        var directOnly = Env(("GOPROXY", "direct")).PlanFetch("golang.org/x/text");

        Assert.False(off.ChecksumDb.IsConsulted);
        Assert.Equal("GOSUMDB=off", off.ChecksumDb.Why);
        var access = Assert.Single(china.ChecksumDb.Accesses);
        Assert.Equal(new ChecksumDbAccess(ChecksumDbAccessKind.Explicit, "https://sum.golang.google.cn", null, GoProxyFallback.OnNotFound), access);
        Assert.Equal(ChecksumDbAccessKind.Direct, Assert.Single(directOnly.ChecksumDb.Accesses).Kind);
    }

    [Fact]
    public void Every_proxy_before_direct_is_asked_for_the_checksum_database_with_its_separator()
    {
        var plan = Env(("GOPROXY", "https://a.example|https://b.example,direct,https://never.example")).PlanFetch("golang.org/x/text");

        Assert.Equal(
            [
                new ChecksumDbAccess(ChecksumDbAccessKind.ViaProxy, "https://a.example/sumdb/sum.golang.org", "https://a.example/sumdb/sum.golang.org/supported", GoProxyFallback.OnAnyError),
                new ChecksumDbAccess(ChecksumDbAccessKind.ViaProxy, "https://b.example/sumdb/sum.golang.org", "https://b.example/sumdb/sum.golang.org/supported", GoProxyFallback.OnNotFound),
                new ChecksumDbAccess(ChecksumDbAccessKind.Direct, "https://sum.golang.org", null, GoProxyFallback.OnNotFound),
            ],
            plan.ChecksumDb.Accesses);
    }

    [Fact]
    public void An_invalid_GOSUMDB_fails_at_verification_with_dbDial_error()
    {
        var plan = Env(("GOSUMDB", "sumdb.corp.example")).PlanFetch("golang.org/x/text");

        Assert.True(plan.ChecksumDb.IsConsulted);
        Assert.Equal("invalid GOSUMDB: malformed verifier id", plan.ChecksumDb.Error);
    }

    [Fact]
    public void Toolchain_downloads_are_always_checked_against_the_database()
    {
        var privateToolchain = Env(("GOPRIVATE", "golang.org")).PlanFetch(GoToolchainSetting.ToolchainModulePath);
        var sumdbOff = Env(("GOSUMDB", "off")).PlanFetch(GoToolchainSetting.ToolchainModulePath);
        var fileProxy = Env(("GOSUMDB", "off"), ("GOPROXY", "file:///srv/dist")).PlanFetch(GoToolchainSetting.ToolchainModulePath);

        Assert.True(privateToolchain.ChecksumDb.IsConsulted);
        Assert.Equal("checksum database disabled by GOSUMDB=off", sumdbOff.ChecksumDb.Error);
        Assert.False(fileProxy.ChecksumDb.IsConsulted);
    }

    [Fact]
    public void Blocked_plans_carry_GD1011_or_GD1001_at_the_GOPROXY_setting()
    {
        var off = Env(("GOPROXY", "off")).PlanFetch("golang.org/x/text");
        var invalid = Env(("GOPROXY", "ftp://x.example")).PlanFetch("golang.org/x/text");

        Assert.Equal("GD1011", off.BlockedDiagnostic?.Code);
        Assert.StartsWith("GOPROXY is 'off' for module golang.org/x/text", off.BlockedDiagnostic!.Message);
        Assert.Equal("GD1001", invalid.BlockedDiagnostic?.Code);
        Assert.Null(Env().PlanFetch("golang.org/x/text").BlockedDiagnostic);
    }
}
