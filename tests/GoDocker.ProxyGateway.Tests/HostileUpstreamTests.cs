using System.IO.Compression;
using GoDocker.ProxyGateway.Cache;
using GoDocker.ProxyGateway.Hosting;
using GoDocker.ProxyGateway.Tests.Infrastructure;
using static GoDocker.ProxyGateway.Tests.Infrastructure.CacheContent;
using GoDocker.ProxyGateway.Upstreams;
using Microsoft.AspNetCore.Http;

namespace GoDocker.ProxyGateway.Tests;

/// <summary>
/// Upstreams that attack the gateway, on 127.0.0.1, each test named after what its upstream injects. Every one
/// asserts the same outcome: the request fails, the gateway goes on serving, nothing unchecked reaches the cache,
/// and a file pinned before the attack keeps its bytes.
/// </summary>
public sealed class HostileUpstreamTests
{
    private const string Module = "example.invalid/m";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_info_naming_another_version_is_refused_and_not_cached()
    {
        await using var scene = await GatewayScene.StartAsync(c => c.Response.WriteAsync("{\"Version\":\"v9.9.9\",\"Time\":\"2024-01-01T00:00:00Z\"}"));

        var (status, body) = await scene.GetAsync($"{Module}/@v/v1.0.0.info");

        Assert.Equal(502, status);
        Assert.Contains("names version v9.9.9 instead of the requested v1.0.0", body);
        await scene.AssertUnharmedAsync($"{Module}/@v/v1.0.0.info");
    }

    [Fact]
    public async Task An_info_that_is_not_JSON_is_refused_and_not_cached()
    {
        await using var scene = await GatewayScene.StartAsync(c => c.Response.WriteAsync("<html>captive portal</html>"));

        var (status, body) = await scene.GetAsync($"{Module}/@v/v1.0.0.info");

        Assert.Equal(502, status);
        Assert.Contains(".info is not JSON", body);
        await scene.AssertUnharmedAsync($"{Module}/@v/v1.0.0.info");
    }

    [Fact]
    public async Task A_go_mod_declaring_another_module_is_refused_and_not_cached()
    {
        await using var scene = await GatewayScene.StartAsync(c => c.Response.WriteAsync("module evil.invalid/x\n\ngo 1.19\n"));

        var (status, body) = await scene.GetAsync($"{Module}/@v/v1.0.0.mod");

        Assert.Equal(502, status);
        Assert.Contains("go.mod declares module evil.invalid/x, not example.invalid/m", body);
        await scene.AssertUnharmedAsync($"{Module}/@v/v1.0.0.mod");
    }

    [Fact]
    public async Task A_go_mod_that_does_not_parse_is_refused_and_not_cached()
    {
        await using var scene = await GatewayScene.StartAsync(c => c.Response.WriteAsync("module example.invalid/m\nrequire (\n\tx.invalid/y v1.0.0\n"));

        var (status, body) = await scene.GetAsync($"{Module}/@v/v1.0.0.mod");

        Assert.Equal(502, status);
        Assert.Contains("go.mod does not parse", body);
        await scene.AssertUnharmedAsync($"{Module}/@v/v1.0.0.mod");
    }

    [Fact]
    public async Task A_zip_holding_files_of_another_module_is_refused_and_not_cached()
    {
        var zip = ModuleFolder.Zip("evil.invalid/x", "v1.0.0", "module evil.invalid/x\n", null);
        await using var scene = await GatewayScene.StartAsync(c => c.Response.Body.WriteAsync(zip).AsTask());

        var (status, body) = await scene.GetAsync($"{Module}/@v/v1.0.0.zip");

        Assert.Equal(502, status);
        Assert.Contains("not a valid module zip", body);
        await scene.AssertUnharmedAsync($"{Module}/@v/v1.0.0.zip");
    }

    [Fact]
    public async Task An_endless_zip_is_cut_off_at_the_size_limit_while_it_streams()
    {
        await using var scene = await GatewayScene.StartAsync(EndlessAsync, o => o with { FileLimits = ModuleFileLimits.GoCommand with { Zip = 1 << 20 } });

        var (status, body) = await scene.GetAsync($"{Module}/@v/v1.0.0.zip");

        Assert.Equal(502, status);
        Assert.Contains($"larger than the limit of {1 << 20} bytes", body);
        await scene.AssertUnharmedAsync($"{Module}/@v/v1.0.0.zip");
    }

    [Fact]
    public async Task An_endless_go_mod_is_cut_off_at_the_go_commands_16_MiB_limit()
    {
        await using var scene = await GatewayScene.StartAsync(EndlessAsync);

        var (status, body) = await scene.GetAsync($"{Module}/@v/v1.0.0.mod");

        Assert.Equal(502, status);
        Assert.Contains($"larger than the limit of {16 << 20} bytes", body);
        await scene.AssertUnharmedAsync($"{Module}/@v/v1.0.0.mod");
    }

    [Fact]
    public async Task A_gzip_bomb_is_cut_off_at_the_size_limit_of_its_decoded_bytes()
    {
        var bomb = new MemoryStream();
        await using (var gzip = new GZipStream(bomb, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            await gzip.WriteAsync(new byte[64 << 20], Ct);
        }

        await using var scene = await GatewayScene.StartAsync(async c =>
        {
            c.Response.Headers.ContentEncoding = "gzip";
            await c.Response.Body.WriteAsync(bomb.ToArray());
        }, o => o with { FileLimits = ModuleFileLimits.GoCommand with { Zip = 1 << 20 } });

        var (status, body) = await scene.GetAsync($"{Module}/@v/v1.0.0.zip");

        Assert.Equal(502, status);
        Assert.Contains("larger than the limit", body);
        await scene.AssertUnharmedAsync($"{Module}/@v/v1.0.0.zip");
    }

    [Fact]
    public async Task A_Content_Encoding_the_gateway_did_not_ask_for_is_refused_and_not_cached()
    {
        await using var scene = await GatewayScene.StartAsync(async c =>
        {
            c.Response.Headers.ContentEncoding = "x-unasked";
            await c.Response.WriteAsync("module example.invalid/m\n");
        });

        var (status, body) = await scene.GetAsync($"{Module}/@v/v1.0.0.mod");

        Assert.Equal(502, status);
        Assert.Contains("Content-Encoding 'x-unasked', which the gateway did not ask for", body);
        await scene.AssertUnharmedAsync($"{Module}/@v/v1.0.0.mod");
    }

    [Theory]
    [InlineData(nameof(BreakOffAfterHeadersAsync))]
    [InlineData(nameof(HangAfterHeadersAsync))]
    public async Task A_zip_body_that_breaks_off_or_hangs_falls_through_to_the_next_upstream_after_a_pipe(string attack)
    {
        using var other = new TempFolder();
        var folder = new ModuleFolder(other.Sub("b")).Add(Module, "v1.0.0");
        await using var next = await TestUpstream.StartAsync(folder);
        await using var scene = await GatewayScene.StartAsync(Attacks[attack], o => o with
        {
            Upstreams = [o.Upstreams[0] with { FallBackOnAnyError = true, Timeout = TimeSpan.FromSeconds(1) }, new UpstreamEndpoint(next.Address)],
        });
        var zip = $"{Module}/@v/v1.0.0.zip";

        var (status, _) = await scene.GetAsync(zip);

        Assert.Equal(200, status);
        Assert.Equal(1, scene.Upstream.Attacks);
        Assert.Equal(1, next.Count(zip));
        Assert.Equal(Sha256Of(File.ReadAllBytes(folder.PathOf(Module, "v1.0.0", "zip"))), scene.Gateway.Cache.GetPin(zip)!.Sha256);
        await scene.AssertUnharmedAsync(attackedKey: null);
    }

    [Fact]
    public async Task A_zip_body_that_breaks_off_after_a_comma_is_a_502_and_the_next_upstream_is_not_asked()
    {
        using var other = new TempFolder();
        await using var next = await TestUpstream.StartAsync(new ModuleFolder(other.Sub("b")).Add(Module, "v1.0.0"));
        await using var scene = await GatewayScene.StartAsync(BreakOffAfterHeadersAsync, o => o with { Upstreams = [o.Upstreams[0], new UpstreamEndpoint(next.Address)] });

        var (status, body) = await scene.GetAsync($"{Module}/@v/v1.0.0.zip");

        Assert.Equal(502, status);
        Assert.Contains("broke off while sending it", body);
        Assert.Equal(0, next.TotalRequests);
        await scene.AssertUnharmedAsync($"{Module}/@v/v1.0.0.zip");
    }

    [Fact]
    public async Task A_zip_body_that_hangs_after_its_headers_is_a_504_timeout_not_a_break_off()
    {
        await using var scene = await GatewayScene.StartAsync(HangAfterHeadersAsync, o => o with { Upstreams = [o.Upstreams[0] with { Timeout = TimeSpan.FromSeconds(1) }] });
        var started = DateTime.UtcNow;

        var (status, body) = await scene.GetAsync($"{Module}/@v/v1.0.0.zip");

        Assert.Equal(504, status);
        Assert.Contains("did not finish sending it within 1s", body);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(15), $"answered after {DateTime.UtcNow - started}");
        await scene.AssertUnharmedAsync($"{Module}/@v/v1.0.0.zip");
    }

    private static readonly Dictionary<string, Func<HttpContext, Task>> Attacks = new()
    {
        [nameof(BreakOffAfterHeadersAsync)] = BreakOffAfterHeadersAsync,
        [nameof(HangAfterHeadersAsync)] = HangAfterHeadersAsync,
    };

    private static async Task BreakOffAfterHeadersAsync(HttpContext context)
    {
        context.Response.ContentLength = 200_000;
        await context.Response.Body.WriteAsync(new byte[50_000]);
        await context.Response.Body.FlushAsync();

        // Long enough for the gateway to have read the headers: the break comes in the body.
        await Task.Delay(300);
        context.Abort();
    }

    private static async Task HangAfterHeadersAsync(HttpContext context)
    {
        context.Response.ContentLength = 200_000;
        await context.Response.Body.WriteAsync(new byte[50_000]);
        await context.Response.Body.FlushAsync();
        await Task.Delay(Timeout.Infinite, context.RequestAborted);
    }

    private static async Task EndlessAsync(HttpContext context)
    {
        var chunk = new byte[64 << 10];
        while (!context.RequestAborted.IsCancellationRequested)
        {
            await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
        }
    }
}
