using GoDocker.Core.GoEnv;
using GoDocker.Core.Verification;

namespace GoDocker.Core.Tests.Verification;

/// <summary>The verdict follows the go command's GOPROXY rules: ',' falls through only on 404/410, '|' on any error.</summary>
public sealed class GoProxySemanticsTests
{
    private const string Module = "github.com/BurntSushi/toml";

    private static ProbeTarget Proxy(int index, LocalServer server, GoProxyFallback fallback) =>
        new($"proxy {index}", server.Url("http"), ProbeRole.GoProxy, fallback, null, Module, "v1.3.2");

    private static async Task<VerificationReport> VerifyAsync(int firstStatus, GoProxyFallback separator)
    {
        await using var first = new LocalServer(_ => (firstStatus, "not here\n"));
        await using var second = new LocalServer(_ => (200, "v1.3.2\n"));
        var report = await EndpointVerifier.RunAsync([Proxy(1, first, separator), Proxy(2, second, GoProxyFallback.OnNotFound)],
            new VerificationOptions { PhaseTimeout = TimeSpan.FromSeconds(5) }, TestContext.Current.CancellationToken);
        // The module path is case-encoded as the go command sends it.
        Assert.Equal(["/github.com/!burnt!sushi/toml/@v/list"], first.Requests);
        return report;
    }

    [Fact]
    public async Task Gone_under_comma_falls_through_to_the_next_proxy()
    {
        var report = await VerifyAsync(410, GoProxyFallback.OnNotFound);

        Assert.True(report.Verdict.CanDownload, report.Verdict.Summary);
        Assert.Contains("answered 410 Gone; falls through to proxy 2 on `,`", report.Verdict.Summary);
        Assert.EndsWith("; OK", report.Verdict.Summary);
        Assert.False(report.HasErrors);
        Assert.Contains(report.Diagnostics, d => d.Code == "GD3010");
    }

    [Fact]
    public async Task Server_error_under_comma_stops_the_go_command()
    {
        var report = await VerifyAsync(500, GoProxyFallback.OnNotFound);

        Assert.False(report.Verdict.CanDownload);
        Assert.Contains("answered 500 Internal Server Error under `,`; the go command stops here", report.Verdict.Summary);
        Assert.EndsWith("; FAILS", report.Verdict.Summary);
        var error = Assert.Single(report.Diagnostics, d => d.IsError);
        Assert.Equal("GD3006", error.Code);
        Assert.Contains("500", error.Message);
    }

    [Fact]
    public async Task A_404_fallen_through_is_not_blamed_when_a_later_proxy_stops_the_go_command()
    {
        await using var first = new LocalServer(_ => (404, "not here\n"));
        await using var second = new LocalServer(_ => (500, "broken\n"));
        var report = await EndpointVerifier.RunAsync([Proxy(1, first, GoProxyFallback.OnNotFound), Proxy(2, second, GoProxyFallback.OnNotFound)],
            new VerificationOptions { PhaseTimeout = TimeSpan.FromSeconds(5) }, TestContext.Current.CancellationToken);

        Assert.False(report.Verdict.CanDownload);
        Assert.Contains(report.Diagnostics, d => d.Code == "GD3010");
        var error = Assert.Single(report.Diagnostics, d => d.IsError && d.Code != "GD3011");
        Assert.Equal("GD3006", error.Code);
        Assert.DoesNotContain(report.Diagnostics, d => d.Code == "GD6001");
    }

    [Fact]
    public async Task Server_error_under_pipe_falls_through()
    {
        var report = await VerifyAsync(500, GoProxyFallback.OnAnyError);

        Assert.True(report.Verdict.CanDownload, report.Verdict.Summary);
        Assert.Contains("answered 500 Internal Server Error; falls through to proxy 2 on `|`", report.Verdict.Summary);
        Assert.False(report.HasErrors);
    }

    [Fact]
    public async Task Forbidden_asks_for_credentials()
    {
        var report = await VerifyAsync(403, GoProxyFallback.OnNotFound);

        Assert.False(report.Verdict.CanDownload);
        Assert.Equal("GD3007", Assert.Single(report.Diagnostics, d => d.IsError).Code);
    }

    [Fact]
    public async Task Not_found_on_the_last_proxy_is_a_missing_module_version()
    {
        await using var only = new LocalServer(_ => (404, "not found\n"));
        var report = await EndpointVerifier.RunAsync([Proxy(1, only, GoProxyFallback.OnNotFound)], new VerificationOptions(), TestContext.Current.CancellationToken);

        Assert.False(report.Verdict.CanDownload);
        Assert.Contains(report.Diagnostics, d => d.Code == "GD6001" && d.Message.Contains(Module, StringComparison.Ordinal));
        Assert.Contains(report.Diagnostics, d => d.Code == "GD3011");
    }

    [Fact]
    public async Task Checksum_database_through_a_proxy_that_does_not_know_a_private_module_suggests_GOPRIVATE()
    {
        await using var proxy = new LocalServer(path => path switch
        {
            "/sumdb/sum.golang.org/supported" => (200, ""),
            _ when path.StartsWith("/sumdb/sum.golang.org/lookup/", StringComparison.Ordinal) => (410, "not found\n"),
            _ => (200, "v1.0.0\n"),
        });
        var proxyTarget = new ProbeTarget("proxy 1", proxy.Url("http"), ProbeRole.GoProxy, GoProxyFallback.OnNotFound, null, "git.corp.godocker.invalid/team/Lib", "v1.0.0");
        var database = new ProbeTarget("checksum database sum.golang.org", new Uri("https://sum.golang.org/"), ProbeRole.ChecksumDb, GoProxyFallback.OnNotFound, null, "git.corp.godocker.invalid/team/Lib", "v1.0.0")
        {
            ChecksumDbName = "sum.golang.org",
            ChecksumDbRoutes =
            [
                new ChecksumDbRoute("proxy 1", new Uri(proxy.Url("http"), "sumdb/sum.golang.org/"), new Uri(proxy.Url("http"), "sumdb/sum.golang.org/supported"), GoProxyFallback.OnNotFound, null),
                new ChecksumDbRoute("sum.golang.org", new Uri("https://sum.golang.org/"), null, GoProxyFallback.OnNotFound, null),
            ],
        };

        var report = await EndpointVerifier.RunAsync([proxyTarget, database], new VerificationOptions(), TestContext.Current.CancellationToken);

        Assert.Contains("/sumdb/sum.golang.org/lookup/git.corp.godocker.invalid/team/!lib@v1.0.0", proxy.Requests);
        var hint = Assert.Single(report.Diagnostics, d => d.IsError);
        Assert.Equal("GD6002", hint.Code);
        Assert.Contains("'git.corp.godocker.invalid' to GoPrivate", hint.Message);
        Assert.False(report.Verdict.CanDownload);
        Assert.Contains("proxy 1 serves /sumdb/sum.golang.org", report.Verdict.Summary);
    }
}
