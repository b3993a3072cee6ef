using GoDocker.Core.GoEnv;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using GoDocker.Core.Verification;

namespace GoDocker.Core.Tests.Verification;

/// <summary>HTTPS through a real tinyproxy (CONNECT), a tinyproxy that refuses the tunnel, and a proxy that is down.</summary>
public sealed class HttpConnectProbeTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("godocker-connect-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static void RequireTinyproxy()
    {
        if (!Tinyproxy.IsInstalled)
        {
            Assert.Skip("tinyproxy is not installed (apt-get install tinyproxy)");
        }
    }

    private async Task<(VerificationReport Report, LocalServer Server)> VerifyThroughAsync(Uri httpProxy, X509Certificate2? sharedRoot = null)
    {
        var root = sharedRoot ?? TestCertificates.CreateRoot("GoDocker Proxy Test Root");
        var leaf = TestCertificates.CreateLeaf(root, [], [IPAddress.Loopback]);
        var server = new LocalServer(_ => (200, "v1.0.0\n"), leaf);
        var ca = TestCertificates.WritePem(directory, "ca.pem", root);
        var target = new ProbeTarget("proxy 1", server.Url(), ProbeRole.GoProxy, GoProxyFallback.OnNotFound, httpProxy, "example.com/mod", "v1.0.0");
        var report = await EndpointVerifier.RunAsync([target], new VerificationOptions { PhaseTimeout = TimeSpan.FromSeconds(5), CaCertificateFiles = [ca] }, TestContext.Current.CancellationToken);
        return (report, server);
    }

    [Fact]
    public async Task Https_goes_through_a_real_tinyproxy_tunnel()
    {
        RequireTinyproxy();
        using var tinyproxy = await Tinyproxy.StartAsync();

        var (report, server) = await VerifyThroughAsync(tinyproxy.Url);
        await using var _ = server;

        Assert.False(report.HasErrors, string.Join("\n", report.Diagnostics));
        Assert.Equal([ProbePhase.Dns, ProbePhase.Tcp, ProbePhase.ProxyConnect, ProbePhase.Tls, ProbePhase.Http], report.Endpoints[0].Phases.Select(p => p.Phase));
        Assert.Contains($"127.0.0.1:{tinyproxy.Port}", report.Endpoints[0].Phases[1].Detail);
        Assert.Contains("/example.com/mod/@v/list", server.Requests);
        Assert.True(report.Verdict.CanDownload);
    }

    [Fact]
    public async Task Proxy_that_refuses_CONNECT_is_named_with_its_answer()
    {
        RequireTinyproxy();
        using var tinyproxy = await Tinyproxy.StartAsync(connectPorts: 443);

        var (report, server) = await VerifyThroughAsync(tinyproxy.Url);
        await using var _ = server;

        var connect = report.Endpoints[0].Phases.Single(p => p.Phase == ProbePhase.ProxyConnect);
        Assert.Equal(ProbeOutcome.Failed, connect.Outcome);
        Assert.Equal("GD3005", connect.Diagnostic?.Code);
        Assert.Contains("403", connect.Diagnostic!.Message);
        Assert.Contains($"CONNECT 127.0.0.1:{server.Port}", connect.Diagnostic.Message);
        Assert.Empty(server.Requests);
        Assert.False(report.Verdict.CanDownload);
    }

    [Fact]
    public async Task Unreachable_proxy_is_blamed_on_HTTPS_PROXY()
    {
        int port;
        using (var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        }

        var (report, server) = await VerifyThroughAsync(new Uri($"http://127.0.0.1:{port}"));
        await using var _ = server;

        var refused = Assert.Single(report.Diagnostics, d => d.Code == "GD3002");
        Assert.Contains($"127.0.0.1:{port}", refused.Message);
        Assert.Contains("HTTPS_PROXY", refused.Message);
    }

    [Fact]
    public async Task Https_proxy_url_is_spoken_to_over_TLS_before_the_tunnel()
    {
        using var root = TestCertificates.CreateRoot("GoDocker Proxy Test Root");
        using var proxyLeaf = TestCertificates.CreateLeaf(root, [], [IPAddress.Loopback]);
        await using var httpsProxy = new FakeHttpsProxy(proxyLeaf);

        var (report, server) = await VerifyThroughAsync(httpsProxy.Url, root);
        await using var _ = server;

        Assert.False(report.HasErrors, string.Join("\n", report.Diagnostics));
        Assert.Equal([ProbePhase.Dns, ProbePhase.Tcp, ProbePhase.Tls, ProbePhase.ProxyConnect, ProbePhase.Tls, ProbePhase.Http],
            report.Endpoints[0].Phases.Select(p => p.Phase));
        Assert.Equal([$"127.0.0.1:{server.Port}"], httpsProxy.Connects);
    }
}
