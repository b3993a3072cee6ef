using GoDocker.ProxyGateway.Hosting;
using GoDocker.ProxyGateway.Tests.Infrastructure;

namespace GoDocker.ProxyGateway.Tests;

/// <summary>
/// Cache hits answered with sendfile before Kestrel (issue 18, hot path): every request, whichever way it takes,
/// gets exactly the answer the gateway gives without the lane, and the connection goes on the same way.
/// </summary>
public sealed class SendfileHitLaneTests : IAsyncLifetime
{
    private const string Zip = "/example.invalid/m/@v/v1.0.0.zip";
    private const string Mod = "/example.invalid/m/@v/v1.0.0.mod";

    private readonly TempFolder _temp = new();
    private TestUpstream _upstream = null!;
    private RunningGateway _withLane = null!;
    private RunningGateway _withoutLane = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var folder = new ModuleFolder(_temp.Sub("upstream"))
            .Add("example.invalid/m", "v1.0.0", new string('z', 300_000))
            .Add("example.invalid/m", "v1.1.0", "later");
        _upstream = await TestUpstream.StartAsync(folder);
        _withLane = await Gateways.StartAsync(_temp.Sub("lane"), _upstream.Address);
        _withoutLane = await Gateways.StartAsync(_temp.Sub("kestrel"), _upstream.Address, o => o with { SendfileHits = false });
        foreach (var gateway in new[] { _withLane, _withoutLane })
        {
            using var http = Gateways.Client(gateway);
            foreach (var file in new[] { Zip, Mod, "/example.invalid/m/@v/v1.0.0.info" })
            {
                (await http.GetAsync(file, Ct)).EnsureSuccessStatusCode();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _withLane.DisposeAsync();
        await _withoutLane.DisposeAsync();
        await _upstream.DisposeAsync();
        _temp.Dispose();
    }

    public static TheoryData<string, string> Requests() => new()
    {
        { "a zip hit", $"GET {Zip} HTTP/1.1\r\nHost: gw\r\n\r\n" },
        { "HEAD of a zip hit", $"HEAD {Zip} HTTP/1.1\r\nHost: gw\r\nUser-Agent: Go-http-client/1.1\r\n\r\n" },
        { "a .mod hit with the go command's headers", $"GET {Mod} HTTP/1.1\r\nHost: gw:8080\r\nUser-Agent: Go-http-client/1.1\r\nAccept-Encoding: gzip\r\n\r\n" },
        { "an .info hit, Connection: keep-alive", "GET /example.invalid/m/@v/v1.0.0.info HTTP/1.1\r\nHost: gw\r\nConnection: Keep-Alive\r\n\r\n" },
        { "a hit with Range and If-None-Match (ignored, as before)", $"GET {Zip} HTTP/1.1\r\nHost: gw\r\nRange: bytes=0-9\r\nIf-None-Match: \"x\"\r\n\r\n" },
        { "a miss", "GET /example.invalid/m/@v/v1.1.0.mod HTTP/1.1\r\nHost: gw\r\n\r\n" },
        { "a version list", "GET /example.invalid/m/@v/list HTTP/1.1\r\nHost: gw\r\n\r\n" },
        { "@latest", "GET /example.invalid/m/@latest HTTP/1.1\r\nHost: gw\r\n\r\n" },
        { "a hit with a query", $"GET {Zip}?x=1 HTTP/1.1\r\nHost: gw\r\n\r\n" },
        { "a percent-escaped hit", "GET /example.invalid/m/@v/v1.0.0%2Ezip HTTP/1.1\r\nHost: gw\r\n\r\n" },
        { "lower-case get", $"get {Zip} HTTP/1.1\r\nHost: gw\r\n\r\n" },
        { "POST", $"POST {Zip} HTTP/1.1\r\nHost: gw\r\nContent-Length: 0\r\n\r\n" },
        { "HTTP/1.0", $"GET {Zip} HTTP/1.0\r\nHost: gw\r\n\r\n" },
        { "Connection: close", $"GET {Zip} HTTP/1.1\r\nHost: gw\r\nConnection: close\r\n\r\n" },
        { "no Host", $"GET {Zip} HTTP/1.1\r\n\r\n" },
        { "two Hosts", $"GET {Zip} HTTP/1.1\r\nHost: gw\r\nHost: gw\r\n\r\n" },
        { "a Host with a space", $"GET {Zip} HTTP/1.1\r\nHost: g w\r\n\r\n" },
        { "an empty body by Content-Length", $"GET {Zip} HTTP/1.1\r\nHost: gw\r\nContent-Length: 0\r\n\r\n" },
        { "a chunked body", $"GET {Zip} HTTP/1.1\r\nHost: gw\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" },
        { "Expect: 100-continue", $"GET {Zip} HTTP/1.1\r\nHost: gw\r\nExpect: 100-continue\r\nContent-Length: 0\r\n\r\n" },
        { "a header line without a colon", $"GET {Zip} HTTP/1.1\r\nHost: gw\r\nbroken\r\n\r\n" },
        { "an obsolete folded header", $"GET {Zip} HTTP/1.1\r\nHost: gw\r\nX-A: b\r\n c\r\n\r\n" },
        { "a non-ASCII header value", $"GET {Zip} HTTP/1.1\r\nHost: gw\r\nX-A: caf\u00e9\r\n\r\n" },
        { "a tab in a header value", $"GET {Zip} HTTP/1.1\r\nHost: gw\r\nX-A: a\tb\r\n\r\n" },
        { "a bare LF line end", $"GET {Zip} HTTP/1.1\nHost: gw\n\n" },
        { "a dot-dot path", "GET /example.invalid/m/@v/../../../etc/passwd HTTP/1.1\r\nHost: gw\r\n\r\n" },
        { "absolute form", $"GET http://gw{Zip} HTTP/1.1\r\nHost: gw\r\n\r\n" },
        { "a malformed version", "GET /example.invalid/m/@v/v1.0.zip HTTP/1.1\r\nHost: gw\r\n\r\n" },
        { "an upper-case module path", "GET /example.invalid/M/@v/v1.0.0.zip HTTP/1.1\r\nHost: gw\r\n\r\n" },
        { "an unknown snapshot", $"GET /snapshots/none{Zip} HTTP/1.1\r\nHost: gw\r\n\r\n" },
        { "a bad snapshot name", $"GET /snapshots/..{Zip} HTTP/1.1\r\nHost: gw\r\n\r\n" },
        { "/healthz", "GET /healthz HTTP/1.1\r\nHost: gw\r\n\r\n" },
        { "h2c prior knowledge", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" },
        { "a second request in the same write (pipelined)", $"GET {Mod} HTTP/1.1\r\nHost: gw\r\n\r\nGET {Zip} HTTP/1.1\r\nHost: gw\r\n\r\n" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Every_request_gets_the_answer_the_gateway_gives_without_the_lane_and_the_connection_goes_on_alike(string what, string request)
    {
        var withLane = await ConverseAsync(_withLane, request);
        var withoutLane = await ConverseAsync(_withoutLane, request);

        Assert.True(withoutLane == withLane, $"{what}:\n--- without the lane ---\n{withoutLane}\n--- with the lane ---\n{withLane}");
    }

    [Fact]
    public async Task Hits_on_a_keep_alive_connection_are_sent_by_the_lane_with_the_pinned_bytes_and_counted_as_hits()
    {
        var expected = await File.ReadAllBytesAsync(Path.Combine(_temp.Sub("upstream"), "example.invalid/m/@v/v1.0.0.zip"), Ct);
        var sentBefore = _withLane.Metrics.SendfileResponses;
        var hitsBefore = _withLane.Metrics.Hits;
        var fetchesBefore = _upstream.Count(Zip.TrimStart('/'));

        using var connection = await RawHttpConnection.OpenAsync(_withLane.Address, Ct);
        await connection.SendAsync($"GET {Zip} HTTP/1.1\r\nHost: gw\r\n\r\nGET {Zip} HTTP/1.1\r\nHost: gw\r\n\r\n", Ct);
        var first = await connection.ReadResponseAsync(toHead: false, Ct);
        var second = await connection.ReadResponseAsync(toHead: false, Ct);
        await connection.SendAsync($"HEAD {Zip} HTTP/1.1\r\nHost: gw\r\n\r\n", Ct);
        var head = await connection.ReadResponseAsync(toHead: true, Ct);

        Assert.Equal(expected, first!.Body);
        Assert.Equal(expected, second!.Body);
        Assert.Equal(expected.Length.ToString(), head!.Header("Content-Length"));
        Assert.Equal("application/zip", first.Header("Content-Type"));
        Assert.NotNull(first.Header("Date"));
        Assert.Equal(3, _withLane.Metrics.SendfileResponses - sentBefore);
        Assert.Equal(3, _withLane.Metrics.Hits - hitsBefore);
        Assert.Equal(0, _withoutLane.Metrics.SendfileResponses);
        Assert.Equal(fetchesBefore, _upstream.Count(Zip.TrimStart('/')));
    }

    [Fact]
    public async Task A_connection_handed_to_Kestrel_by_a_list_request_still_answers_hits_and_misses_in_order()
    {
        using var connection = await RawHttpConnection.OpenAsync(_withLane.Address, Ct);
        var statuses = new List<string>();
        foreach (var path in new[] { Zip, "/example.invalid/m/@v/list", Zip, "/example.invalid/m/@v/v1.1.0.info", Mod })
        {
            await connection.SendAsync($"GET {path} HTTP/1.1\r\nHost: gw\r\n\r\n", Ct);
            var answer = await connection.ReadResponseAsync(toHead: false, Ct);
            statuses.Add($"{path} {answer?.Status}");
        }

        Assert.Equal(new[] { Zip, "/example.invalid/m/@v/list", Zip, "/example.invalid/m/@v/v1.1.0.info", Mod }.Select(p => p + " 200"), statuses);
    }

    [Fact]
    public async Task A_snapshot_view_switched_while_a_connection_is_open_decides_what_the_lane_serves_on_its_next_request()
    {
        const string later = "/example.invalid/m/@v/v1.1.0.mod";
        await _withLane.Snapshots.CreateAsync("without-v1.1.0", Ct);
        using var connection = await RawHttpConnection.OpenAsync(_withLane.Address, Ct);
        async Task<int> StatusAsync(string path)
        {
            await connection.SendAsync($"GET {path} HTTP/1.1\r\nHost: gw\r\n\r\n", Ct);
            return (await connection.ReadResponseAsync(toHead: false, Ct))!.Status;
        }

        using var http = Gateways.Client(_withLane);
        (await http.GetAsync(later, Ct)).EnsureSuccessStatusCode();
        var sentBefore = _withLane.Metrics.SendfileResponses;

        var live = await StatusAsync(later);
        await _withLane.Snapshots.UseAsync("without-v1.1.0", Ct);
        var inView = (Mod: await StatusAsync(Mod), Later: await StatusAsync(later));
        var sent = _withLane.Metrics.SendfileResponses - sentBefore;
        await _withLane.Snapshots.UseAsync(null, Ct);

        Assert.Equal(200, live);
        Assert.Equal((200, 404), inView);
        Assert.Equal(2, sent); // the 404 is Kestrel's, as every answer that is not a hit
    }

    [Fact]
    public async Task A_gateway_that_stops_closes_a_connection_idle_in_the_lane_at_once_instead_of_waiting_for_its_shutdown_timeout()
    {
        var gateway = await Gateways.StartAsync(_temp.Sub("stopping"), _upstream.Address, o => o with { ShutdownTimeout = TimeSpan.FromSeconds(20) });
        using (var http = Gateways.Client(gateway))
        {
            (await http.GetAsync(Mod, Ct)).EnsureSuccessStatusCode();
        }

        using var connection = await RawHttpConnection.OpenAsync(gateway.Address, Ct);
        await connection.SendAsync($"GET {Mod} HTTP/1.1\r\nHost: gw\r\n\r\n", Ct);
        Assert.Equal(200, (await connection.ReadResponseAsync(toHead: false, Ct))!.Status);
        Assert.Equal(1, gateway.Metrics.SendfileResponses);

        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        await gateway.DisposeAsync();

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"stopping took {stopwatch.Elapsed}");
        Assert.True(await connection.IsClosedByServerAsync(TimeSpan.FromSeconds(5), Ct), "the idle connection was left open");
    }

    /// <summary>The answers to a request, then to a plain .mod request on the same connection, as text.</summary>
    private static async Task<string> ConverseAsync(RunningGateway gateway, string request)
    {
        using var connection = await RawHttpConnection.OpenAsync(gateway.Address, Ct);
        var text = new List<string>();
        var toHead = request.StartsWith("HEAD ", StringComparison.Ordinal);
        try
        {
            await connection.SendAsync(request, Ct);
            var responses = request.Split("HTTP/1.").Length - 1;
            for (var i = 0; i < responses; i++)
            {
                text.Add((await connection.ReadResponseAsync(toHead, Ct))?.Comparable() ?? "(closed)");
            }

            await connection.SendAsync($"GET {Mod} HTTP/1.1\r\nHost: gw\r\n\r\n", Ct);
            text.Add((await connection.ReadResponseAsync(toHead: false, Ct))?.Comparable() ?? "(closed)");
        }
        catch (IOException e)
        {
            text.Add("(connection reset: " + e.GetType().Name + ")");
        }

        return string.Join("\n\n", text);
    }
}
