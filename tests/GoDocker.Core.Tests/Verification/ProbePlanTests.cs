using GoDocker.Core.GoEnv;
using GoDocker.Core.Verification;

namespace GoDocker.Core.Tests.Verification;

/// <summary>The probes come from the Go environment model, so verify asks what the go command would ask.</summary>
public sealed class ProbePlanTests
{
    private static GoEnvironment Environment(Dictionary<string, string> variables) =>
        GoEnvironmentReader.Read(new DictionaryEnvironmentSource(variables), InMemoryTextFileSource.Empty);

    [Fact]
    public async Task Environment_with_a_failing_first_proxy_under_pipe_verifies_through_the_second()
    {
        await using var broken = new LocalServer(_ => (502, "bad gateway\n"));
        await using var good = new LocalServer(path => path.StartsWith("/sumdb/", StringComparison.Ordinal) ? (404, "") : (200, "v1.2.0\n"));
        var environment = Environment(new()
        {
            ["GOPROXY"] = $"{broken.Url("http")}|{good.Url("http")}",
            ["GOSUMDB"] = "off",
            ["HOME"] = "/nonexistent",
        });

        var plan = ProbePlan.For(environment, "example.com/team/mod", "v1.2.0");
        var report = await EndpointVerifier.RunAsync(plan, new VerificationOptions(), TestContext.Current.CancellationToken);

        Assert.Equal(["proxy 1", "proxy 2"], plan.Targets.Select(t => t.Label));
        Assert.Equal(GoProxyFallback.OnAnyError, plan.Targets[0].Fallback);
        Assert.True(report.Verdict.CanDownload, report.Verdict.Summary);
        Assert.Contains("answered 502 Status; falls through to proxy 2 on `|`", report.Verdict.Summary);
        Assert.Contains("/example.com/team/mod/@v/list", good.Requests);
    }

    [Fact]
    public void Private_module_goes_direct_and_skips_the_checksum_database()
    {
        var environment = Environment(new()
        {
            ["GOPROXY"] = "https://proxy.golang.org,direct",
            ["GOPRIVATE"] = "git.corp.godocker.invalid",
            ["HOME"] = "/nonexistent",
        });

        var plan = ProbePlan.For(environment, "git.corp.godocker.invalid/team/mod", "v1.0.0");

        var only = Assert.Single(plan.Targets);
        Assert.Equal(ProbeRole.Direct, only.Role);
        Assert.Equal("git.corp.godocker.invalid", only.Url.Host);
    }

    [Fact]
    public void Public_module_asks_the_checksum_database_through_each_proxy_first()
    {
        var environment = Environment(new()
        {
            ["GOPROXY"] = "https://goproxy.corp.godocker.invalid,direct",
            ["HOME"] = "/nonexistent",
        });

        var plan = ProbePlan.For(environment, "golang.org/x/text", "v0.14.0");

        var database = Assert.Single(plan.Targets, t => t.Role == ProbeRole.ChecksumDb);
        Assert.Equal("sum.golang.org", database.ChecksumDbName);
        Assert.Equal("https://goproxy.corp.godocker.invalid/sumdb/sum.golang.org/supported", database.ChecksumDbRoutes[0].SupportedUrl?.AbsoluteUri);
        Assert.Null(database.ChecksumDbRoutes[^1].SupportedUrl);
        Assert.Equal("sum.golang.org", database.Url.Host);
    }

    [Fact]
    public async Task GOPROXY_off_fails_without_any_request_and_says_why()
    {
        var environment = Environment(new() { ["GOPROXY"] = "off", ["HOME"] = "/nonexistent" });

        var report = await EndpointVerifier.RunAsync(ProbePlan.For(environment, "golang.org/x/text", "v0.14.0"), new VerificationOptions(), TestContext.Current.CancellationToken);

        Assert.False(report.Verdict.CanDownload);
        Assert.Contains(report.Diagnostics, d => d.Code == "GD1011" && d.Message.Contains("golang.org/x/text", StringComparison.Ordinal));
        Assert.All(report.Endpoints, e => Assert.Empty(e.Phases));
    }
}
