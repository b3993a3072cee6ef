using GoDocker.Core.GoEnv;
using GoDocker.Core.Verification;

namespace GoDocker.Core.Tests.Verification;

/// <summary>Endpoints that accept the connection and then reset it or go silent, in each phase.</summary>
public sealed class StalledEndpointTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    private static Task<VerificationReport> VerifyAsync(Uri url, Uri? httpProxy = null) =>
        EndpointVerifier.RunAsync([new ProbeTarget("proxy 1", url, ProbeRole.GoProxy, GoProxyFallback.OnNotFound, httpProxy, "example.com/mod", "v1.0.0")],
            new VerificationOptions { PhaseTimeout = Timeout }, TestContext.Current.CancellationToken);

    private static PhaseResult Last(VerificationReport report) => report.Endpoints[0].Phases[^1];

    [Fact]
    public async Task Reset_after_connect_is_a_connection_reset()
    {
        await using var server = new MisbehavingServer(reset: true);

        var report = await VerifyAsync(new Uri($"http://127.0.0.1:{server.Port}/"));

        Assert.Equal(ProbePhase.Http, Last(report).Phase);
        Assert.Equal("GD3004", Last(report).Diagnostic?.Code);
    }

    [Fact]
    public async Task Silent_TLS_server_is_a_handshake_timeout()
    {
        await using var server = new MisbehavingServer(reset: false);

        var report = await VerifyAsync(new Uri($"https://127.0.0.1:{server.Port}/"));

        Assert.Equal(ProbePhase.Tls, Last(report).Phase);
        Assert.Equal(ProbeOutcome.TimedOut, Last(report).Outcome);
        Assert.Equal("GD3009", Last(report).Diagnostic?.Code);
        Assert.InRange(Last(report).Duration, Timeout - TimeSpan.FromMilliseconds(50), Timeout + TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public async Task Silent_HTTP_server_and_silent_proxy_are_named_with_the_request_they_did_not_answer()
    {
        await using var server = new MisbehavingServer(reset: false);

        var direct = await VerifyAsync(new Uri($"http://127.0.0.1:{server.Port}/"));
        var throughProxy = await VerifyAsync(new Uri("https://proxy.golang.org/"), httpProxy: new Uri($"http://127.0.0.1:{server.Port}"));

        Assert.Equal("GD3012", Last(direct).Diagnostic?.Code);
        Assert.Contains("GET /example.com/mod/@v/list", Last(direct).Diagnostic!.Message);
        Assert.Equal(ProbePhase.ProxyConnect, Last(throughProxy).Phase);
        Assert.Equal("GD3012", Last(throughProxy).Diagnostic?.Code);
        Assert.Contains("CONNECT proxy.golang.org:443", Last(throughProxy).Diagnostic!.Message);
    }
}
