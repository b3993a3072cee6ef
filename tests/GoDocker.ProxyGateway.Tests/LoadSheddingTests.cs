using System.Net.Sockets;
using System.Text;
using GoDocker.ProxyGateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace GoDocker.ProxyGateway.Tests;

/// <summary>More clients than the gateway is bounded for, on 127.0.0.1: shed with 503 or closed, never a crash.</summary>
public sealed class LoadSheddingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Requests_beyond_the_bound_while_an_upstream_never_answers_are_shed_with_503_and_the_gateway_keeps_serving()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var scene = await GatewayScene.StartAsync(async c =>
        {
            await release.Task.WaitAsync(c.RequestAborted);
            c.Response.StatusCode = 404;
        }, o => o with { MaxConcurrentRequests = 4 });

        var held = Enumerable.Range(0, 4).Select(i => scene.Http.GetAsync($"/example.invalid/m{i}/@v/v1.0.0.zip", Ct)).ToArray();
        await Poll.UntilAsync(() => scene.Upstream.Attacks >= 4, TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(20), Ct);

        Assert.Equal(4, scene.Upstream.Attacks);
        using (var shed = await scene.Http.GetAsync("/example.invalid/m4/@v/v1.0.0.zip", Ct))
        {
            Assert.Equal(503, (int)shed.StatusCode);
            Assert.Equal("1", shed.Headers.GetValues("Retry-After").Single());
            Assert.Contains("the gateway is busy (4 requests in progress)", await shed.Content.ReadAsStringAsync(Ct));
        }

        Assert.Equal("ok\n", await scene.Http.GetStringAsync("/healthz", Ct));
        Assert.Contains("godocker_proxy_shed_total 1", await scene.Http.GetStringAsync("/metrics", Ct));
        Assert.Equal(4, scene.Upstream.Attacks);

        release.SetResult();
        Assert.All(await Task.WhenAll(held), r => Assert.Equal(404, (int)r.StatusCode));
        await scene.AssertUnharmedAsync(attackedKey: "example.invalid/m4/@v/v1.0.0.zip");
    }

    [Fact]
    public async Task Connections_beyond_the_bound_are_closed_and_the_gateway_keeps_serving_once_they_go()
    {
        await using var scene = await GatewayScene.StartAsync(c => c.Response.WriteAsync("unused"), o => o with { MaxConnections = 8 });

        // Idle connections that never send a request, well past the bound.
        var idle = new List<TcpClient>();
        try
        {
            for (var i = 0; i < 40; i++)
            {
                var tcp = new TcpClient();
                await tcp.ConnectAsync(scene.Gateway.Address.Host, scene.Gateway.Address.Port, Ct);
                idle.Add(tcp);
            }

            var refused = await RawGetAsync(scene.Gateway.Address, "/healthz");
            Assert.DoesNotContain("200 OK", refused);
        }
        finally
        {
            foreach (var tcp in idle)
            {
                tcp.Dispose();
            }
        }

        var answer = "";
        await Poll.UntilAsync(async () => (answer = await RawGetAsync(scene.Gateway.Address, "/healthz")).Contains("200 OK", StringComparison.Ordinal),
            TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(100), Ct);
        Assert.Contains("200 OK", answer);
        await scene.AssertUnharmedAsync(attackedKey: null);
    }

    /// <summary>One request on a new connection; whatever comes back, or "" when the connection is closed unanswered.</summary>
    private static async Task<string> RawGetAsync(Uri address, string target)
    {
        try
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(address.Host, address.Port, Ct);
            await using var stream = tcp.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {target} HTTP/1.1\r\nHost: {address.Authority}\r\nConnection: close\r\n\r\n"), Ct);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            using var reader = new StreamReader(stream, Encoding.ASCII);
            return await reader.ReadToEndAsync(timeout.Token);
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
            return "";
        }
    }
}
