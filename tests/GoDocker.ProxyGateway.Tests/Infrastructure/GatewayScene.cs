using GoDocker.ProxyGateway.Cache;
using GoDocker.ProxyGateway.Hosting;
using Microsoft.AspNetCore.Http;

namespace GoDocker.ProxyGateway.Tests.Infrastructure;

/// <summary>A gateway in front of a <see cref="ScriptedUpstream"/>, with the good module pinned before any attack.</summary>
internal sealed class GatewayScene : IAsyncDisposable
{
    private readonly TempFolder _temp;
    private readonly ScriptedUpstream _upstream;
    private readonly RunningGateway _gateway;
    private readonly HttpClient _http;
    private readonly string _goodZip = ModuleFiles.Path(ScriptedUpstream.GoodModule, "v1.0.0", "zip");
    private byte[] _pinnedBytes = [];
    private PinRecord? _pin;

    private GatewayScene(TempFolder temp, ScriptedUpstream upstream, RunningGateway gateway)
    {
        _temp = temp;
        _upstream = upstream;
        _gateway = gateway;

        // Every attack must end well within this: a hang is a failure, not a slow test.
        _http = new HttpClient { BaseAddress = gateway.Address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public RunningGateway Gateway => _gateway;
    public HttpClient Http => _http;
    public ScriptedUpstream Upstream => _upstream;

    public static async Task<GatewayScene> StartAsync(Func<HttpContext, Task> attack, Func<GatewayOptions, GatewayOptions>? configure = null)
    {
        var temp = new TempFolder();
        var upstream = await ScriptedUpstream.StartAsync(temp.Sub("upstream"), attack);
        var gateway = await Gateways.StartAsync(temp.Sub("cache"), upstream.Address, configure);
        var scene = new GatewayScene(temp, upstream, gateway);
        await ModuleFiles.PinAsync(scene._http, ScriptedUpstream.GoodModule + "@v1.0.0");
        scene._pinnedBytes = await scene._http.GetByteArrayAsync("/" + scene._goodZip, Ct);
        scene._pin = gateway.Cache.GetPin(scene._goodZip);
        Assert.NotNull(scene._pin);
        return scene;
    }

    public async Task<(int Status, string Body)> GetAsync(string path)
    {
        using var response = await _http.GetAsync("/" + path, Ct);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    /// <summary>Still serving; nothing of the attack in the cache; the pinned file unchanged.</summary>
    public async Task AssertUnharmedAsync(string? attackedKey)
    {
        if (attackedKey is not null)
        {
            Assert.Null(_gateway.Cache.GetPin(attackedKey));
        }

        // A .info's request also fetches its .mod and .zip in the background (VersionPrefetch), and those meet the same
        // upstream: their staging files must be gone once they are refused, not at the moment the answer arrives.
        await Poll.UntilAsync(() => !Directory.EnumerateFiles(_temp.Sub("cache/tmp")).Any(), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(20), Ct);

        Assert.Empty(Directory.EnumerateFiles(_temp.Sub("cache/tmp")));
        var blobs = Directory.EnumerateFiles(_temp.Sub("cache/blobs"), "*", SearchOption.AllDirectories).Select(Path.GetFileName).Order().ToArray();
        Assert.Equal(_gateway.Cache.Pins().Select(p => p.Sha256).Distinct().Order().ToArray(), blobs);
        Assert.Equal("ok\n", await _http.GetStringAsync("/healthz", Ct));
        Assert.Equal(_pinnedBytes, await _http.GetByteArrayAsync("/" + _goodZip, Ct));
        Assert.Equal(_pin, _gateway.Cache.GetPin(_goodZip));
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _gateway.DisposeAsync();
        await _upstream.DisposeAsync();
        _temp.Dispose();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
