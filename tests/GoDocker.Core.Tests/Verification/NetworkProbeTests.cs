using GoDocker.Core.GoEnv;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using GoDocker.Core.Verification;

namespace GoDocker.Core.Tests.Verification;

/// <summary>Refused, blackholed and unresolvable endpoints, each named for what it is, all within one timeout.</summary>
public sealed class NetworkProbeTests
{
    private static ProbeTarget Proxy(int index, Uri url, GoProxyFallback fallback = GoProxyFallback.OnNotFound, Uri? httpProxy = null) =>
        new($"proxy {index}", url, ProbeRole.GoProxy, fallback, httpProxy, "example.com/mod", "v1.0.0");

    private static Task<VerificationReport> VerifyAsync(TimeSpan timeout, params ProbeTarget[] targets) =>
        EndpointVerifier.RunAsync(targets, new VerificationOptions { PhaseTimeout = timeout }, TestContext.Current.CancellationToken);

    private static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    [Fact]
    public async Task Refused_port_is_reported_as_nothing_listening()
    {
        var report = await VerifyAsync(TimeSpan.FromSeconds(5), Proxy(1, new Uri($"http://127.0.0.1:{FreePort()}/")));

        var tcp = report.Endpoints[0].Phases.Single(p => p.Phase == ProbePhase.Tcp);
        Assert.Equal(ProbeOutcome.Failed, tcp.Outcome);
        Assert.Equal("GD3002", tcp.Diagnostic?.Code);
        Assert.Contains(report.Diagnostics, d => d.Code == "GD3002");
        Assert.False(report.Verdict.CanDownload);
        Assert.True(report.HasErrors);
    }

    [Fact]
    public async Task Blackholed_port_times_out_once_while_other_endpoints_run_in_parallel()
    {
        using var hole1 = await BlackholedPort.CreateAsync();
        using var hole2 = await BlackholedPort.CreateAsync();
        await using var good = new LocalServer(_ => (200, "v1.0.0\n"));
        var timeout = TimeSpan.FromSeconds(1.5);

        var stopwatch = Stopwatch.StartNew();
        var report = await VerifyAsync(timeout,
            Proxy(1, new Uri($"http://127.0.0.1:{hole1.Port}/"), GoProxyFallback.OnAnyError),
            Proxy(2, new Uri($"http://127.0.0.1:{hole2.Port}/"), GoProxyFallback.OnAnyError),
            Proxy(3, good.Url("http")));
        stopwatch.Stop();

        // Two blackholed endpoints in parallel cost one timeout, not two.
        Assert.InRange(stopwatch.Elapsed, timeout, timeout + TimeSpan.FromSeconds(1));
        var tcp = report.Endpoints[0].Phases.Single(p => p.Phase == ProbePhase.Tcp);
        Assert.Equal(ProbeOutcome.TimedOut, tcp.Outcome);
        Assert.Equal("GD3003", tcp.Diagnostic?.Code);
        Assert.InRange(tcp.Duration, timeout - TimeSpan.FromMilliseconds(50), timeout + TimeSpan.FromMilliseconds(500));
        Assert.True(report.Verdict.CanDownload, report.Verdict.Summary);
        Assert.StartsWith("proxy 1 (", report.Verdict.Summary);
        Assert.Contains("falls through to proxy 2 on `|`", report.Verdict.Summary);
        Assert.EndsWith("answered 200 OK; OK", report.Verdict.Summary);
        Assert.False(report.HasErrors, string.Join("\n", report.Diagnostics));
        Assert.Equal(2, report.Diagnostics.Count(d => d.Code == "GD3010"));
    }

    [Fact]
    public async Task Unresolvable_name_is_a_DNS_failure()
    {
        var report = await VerifyAsync(TimeSpan.FromSeconds(5), Proxy(1, new Uri("https://proxy.godocker.invalid/")));

        var dns = report.Endpoints[0].Phases.Single();
        Assert.Equal(ProbePhase.Dns, dns.Phase);
        Assert.NotEqual(ProbeOutcome.Passed, dns.Outcome);
        Assert.Equal("GD3001", dns.Diagnostic?.Code);
        Assert.Contains("proxy.godocker.invalid", dns.Diagnostic!.Message);
        Assert.False(report.Verdict.CanDownload);
    }

    [Fact]
    public async Task Address_without_a_route_is_told_apart_from_a_timeout()
    {
        // Linux refuses a TCP connect to the broadcast address with ENETUNREACH before any packet leaves.
        var report = await VerifyAsync(TimeSpan.FromSeconds(5), Proxy(1, new Uri("http://255.255.255.255:8080/")));

        var tcp = report.Endpoints[0].Phases.Single(p => p.Phase == ProbePhase.Tcp);
        Assert.Equal(ProbeOutcome.Failed, tcp.Outcome);
        Assert.Equal("GD3020", tcp.Diagnostic?.Code);
        Assert.InRange(tcp.Duration, TimeSpan.Zero, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_blackholed_first_address_does_not_keep_the_next_one_from_being_tried()
    {
        await using var server = new LocalServer(_ => (200, "v1.0.0\n"));
        using var hole = await BlackholedPort.CreateAsync(IPAddress.Parse("127.0.0.2"), server.Port);

        var result = await TcpConnectProbe.RunAsync([IPAddress.Parse("127.0.0.2"), IPAddress.Loopback], server.Port, $"multi.godocker.invalid:{server.Port}",
            "proxy 1", "GoProxy", TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
        result.Value?.Dispose();

        Assert.True(result.Passed, result.Phase.Detail);
        Assert.Contains("connected to 127.0.0.1", result.Phase.Detail);
        Assert.Contains("127.0.0.2: no answer", result.Phase.Detail);
    }
}
