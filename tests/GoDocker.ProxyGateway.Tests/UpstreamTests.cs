using GoDocker.Core.Credentials;
using GoDocker.Core.Diagnostics;
using GoDocker.ProxyGateway.Tests.Infrastructure;
using GoDocker.ProxyGateway.Upstreams;
using Microsoft.Extensions.Logging;

namespace GoDocker.ProxyGateway.Tests;

public sealed class UpstreamTests
{
    private const string Mod = "/example.invalid/m/@v/v1.0.0.mod";

    [Fact]
    public void ParsesAGoProxyStyleListWithCommaAndPipeRules()
    {
        var list = UpstreamList.Parse("http://127.0.0.1:1,http://127.0.0.1:2|http://127.0.0.1:3,off,http://127.0.0.1:4", TimeSpan.FromSeconds(7));
        Assert.Equal(["http://127.0.0.1:1", "http://127.0.0.1:2", "http://127.0.0.1:3"], list.Select(e => e.Display));
        Assert.Equal([false, true, false], list.Select(e => e.FallBackOnAnyError));
        Assert.All(list, e => Assert.Equal(TimeSpan.FromSeconds(7), e.EffectiveTimeout));
    }

    [Fact]
    public void RefusesDirectInTheUpstreamList()
    {
        var e = Assert.Throws<DiagnosticException>(() => UpstreamList.Parse("http://127.0.0.1:1,direct"));
        Assert.Equal("GD1001", e.Diagnostic.Code);
    }

    [Theory]
    [InlineData(404, ',', 200)] // not found falls through after ','
    [InlineData(410, ',', 200)]
    [InlineData(500, ',', 502)] // other errors stop after ','
    [InlineData(500, '|', 200)] // ... and fall through after '|'
    public async Task FollowsTheGoCommandsFallbackRules(int firstStatus, char separator, int expected)
    {
        using var temp = new TempFolder();
        var folder = new ModuleFolder(temp.Sub("upstream")).Add("example.invalid/m", "v1.0.0");
        await using var first = await TestUpstream.StartAsync(new ModuleFolder(temp.Sub("empty")));
        first.FailWithStatus = firstStatus;
        await using var second = await TestUpstream.StartAsync(folder);
        var upstreams = UpstreamList.Parse($"{first.Address.ToString().TrimEnd('/')}{separator}{second.Address.ToString().TrimEnd('/')}");
        await using var gateway = await Gateways.StartAsync(temp.Sub("cache"), null, o => o with { Upstreams = upstreams });
        using var http = Gateways.Client(gateway);

        var response = await http.GetAsync(Mod, TestContext.Current.CancellationToken);

        Assert.Equal(expected, (int)response.StatusCode);
        Assert.Equal(1, first.Count(Mod[1..]));
        Assert.Equal(expected == 200 ? 1 : 0, second.Count(Mod[1..]));
    }

    [Fact]
    public async Task AnUpstreamThatDoesNotAnswerInItsTimeoutFallsThroughUnderPipe()
    {
        using var temp = new TempFolder();
        var folder = new ModuleFolder(temp.Sub("upstream")).Add("example.invalid/m", "v1.0.0");
        await using var slow = await TestUpstream.StartAsync(folder);
        slow.Delay = TimeSpan.FromSeconds(2);
        await using var fast = await TestUpstream.StartAsync(folder);
        var upstreams = new[] { new UpstreamEndpoint(slow.Address, FallBackOnAnyError: true, Timeout: TimeSpan.FromMilliseconds(300)), new UpstreamEndpoint(fast.Address) };
        await using var gateway = await Gateways.StartAsync(temp.Sub("cache"), null, o => o with { Upstreams = upstreams });
        using var http = Gateways.Client(gateway);

        var started = DateTime.UtcNow;
        var response = await http.GetAsync(Mod, TestContext.Current.CancellationToken);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(1.5));
    }

    [Fact]
    public async Task SendsNetrcCredentialsToTheUpstreamAndNeverLogsThem()
    {
        using var temp = new TempFolder();
        var folder = new ModuleFolder(temp.Sub("upstream")).Add("example.invalid/m", "v1.0.0");
        await using var upstream = await TestUpstream.StartAsync(folder);
        upstream.RequiredAuthorization = "Basic " + Convert.ToBase64String("bob:s3cret-token"u8.ToArray());
        var netrc = temp.Sub("netrc");
        File.WriteAllText(netrc, "machine other.invalid login x password y\nmachine 127.0.0.1\n  login bob\n  password s3cret-token\n");
        var logs = new CollectingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        await using var gateway = await Gateways.StartAsync(temp.Sub("cache"), upstream.Address, o => o with
        {
            Credentials = NetrcCredentials.FromEnvironment(n => n == "NETRC" ? netrc : null),
            LoggerFactory = loggerFactory,
        });
        using var http = Gateways.Client(gateway);

        Assert.Equal(200, (int)(await http.GetAsync(Mod, TestContext.Current.CancellationToken)).StatusCode);
        upstream.RequiredAuthorization = "Basic other";
        Assert.Equal(502, (int)(await http.GetAsync("/example.invalid/m/@v/v1.0.0.zip", TestContext.Current.CancellationToken)).StatusCode);

        Assert.NotEmpty(logs.Lines);
        Assert.DoesNotContain(logs.Lines, l => l.Contains("s3cret") || l.Contains(Convert.ToBase64String("bob:s3cret-token"u8.ToArray())));
    }

    [Fact]
    public async Task ModuleRulesDenyPassThroughOrUseTheirOwnUpstream()
    {
        using var temp = new TempFolder();
        var folder = new ModuleFolder(temp.Sub("upstream"))
            .Add("example.invalid/m", "v1.0.0")
            .Add("secret.invalid/x", "v1.0.0")
            .Add("corp.invalid/lib", "v1.0.0");
        await using var upstream = await TestUpstream.StartAsync(folder);
        await using var gateway = await Gateways.StartAsync(temp.Sub("cache"), upstream.Address, o => o with
        {
            ModuleRules =
            [
                ModuleRule.ForPatterns("secret.invalid", ModuleRouteAction.Deny),
                ModuleRule.ForPatterns("corp.invalid/*", ModuleRouteAction.Passthrough),
            ],
        });
        using var http = Gateways.Client(gateway);

        Assert.Equal(403, (int)(await http.GetAsync("/secret.invalid/x/@v/v1.0.0.mod", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(0, upstream.Count("secret.invalid/x/@v/v1.0.0.mod"));

        Assert.Equal(200, (int)(await http.GetAsync("/corp.invalid/lib/@v/v1.0.0.mod", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(200, (int)(await http.GetAsync("/corp.invalid/lib/@v/v1.0.0.mod", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(2, upstream.Count("corp.invalid/lib/@v/v1.0.0.mod"));
        Assert.Null(gateway.Cache.GetPin("corp.invalid/lib/@v/v1.0.0.mod"));

        Assert.Equal(200, (int)(await http.GetAsync(Mod, TestContext.Current.CancellationToken)).StatusCode);
        Assert.NotNull(gateway.Cache.GetPin(Mod[1..]));

        // Denied in every view, snapshots included.
        await gateway.Snapshots.CreateAsync("s", TestContext.Current.CancellationToken);
        Assert.Equal(403, (int)(await http.GetAsync("/snapshots/s/secret.invalid/x/@v/v1.0.0.mod", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(200, (int)(await http.GetAsync("/snapshots/s" + Mod, TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task AModuleRuleCanSendMatchingModulesToTheirOwnUpstream()
    {
        using var temp = new TempFolder();
        await using var main = await TestUpstream.StartAsync(new ModuleFolder(temp.Sub("main")).Add("example.invalid/m", "v1.0.0"));
        await using var corp = await TestUpstream.StartAsync(new ModuleFolder(temp.Sub("corp")).Add("corp.invalid/lib", "v1.0.0"));
        await using var gateway = await Gateways.StartAsync(temp.Sub("cache"), main.Address, o => o with
        {
            ModuleRules = [ModuleRule.ForPatterns("corp.invalid", UpstreamList.Parse(corp.Address.ToString().TrimEnd('/')))],
        });
        using var http = Gateways.Client(gateway);

        Assert.Equal(200, (int)(await http.GetAsync("/corp.invalid/lib/@v/v1.0.0.zip", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(200, (int)(await http.GetAsync(Mod, TestContext.Current.CancellationToken)).StatusCode);

        Assert.Equal(1, corp.Count("corp.invalid/lib/@v/v1.0.0.zip"));
        Assert.Equal(0, main.Count("corp.invalid/lib/@v/v1.0.0.zip"));
        Assert.Equal(0, corp.Count(Mod[1..]));
        Assert.NotNull(gateway.Cache.GetPin("corp.invalid/lib/@v/v1.0.0.zip"));
    }

    [Fact]
    public async Task PassesChecksumDatabaseRequestsOnlyForConfiguredDatabases()
    {
        using var temp = new TempFolder();
        var sumdbFolder = new ModuleFolder(temp.Sub("sumdb"));
        File.WriteAllText(Path.Combine(sumdbFolder.Root, "latest"), "go.sum database tree\n42\n");
        Directory.CreateDirectory(Path.Combine(sumdbFolder.Root, "lookup", "example.invalid"));
        File.WriteAllText(Path.Combine(sumdbFolder.Root, "lookup", "example.invalid", "!m@v1.0.0"), "record");
        await using var sumdb = await TestUpstream.StartAsync(sumdbFolder);
        await using var gateway = await Gateways.StartAsync(temp.Sub("cache"), null, o => o with
        {
            ChecksumDatabases = new Dictionary<string, Uri> { ["sum.example.invalid"] = sumdb.Address },
        });
        using var http = Gateways.Client(gateway);

        Assert.Equal(200, (int)(await http.GetAsync("/sumdb/sum.example.invalid/supported", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal("go.sum database tree\n42\n", await http.GetStringAsync("/sumdb/sum.example.invalid/latest", TestContext.Current.CancellationToken));
        Assert.Equal("record", await http.GetStringAsync("/sumdb/sum.example.invalid/lookup/example.invalid/%21m@v1.0.0", TestContext.Current.CancellationToken));
        Assert.Equal(404, (int)(await http.GetAsync("/sumdb/sum.golang.org/supported", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(400, (int)(await http.GetAsync("/sumdb/sum.example.invalid/etc/passwd", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public void NetrcParsingTakesTheFirstEntryPerMachine()
    {
        var netrc = NetrcCredentials.Parse("machine a.invalid login one password p1\nmachine a.invalid login two password p2\ndefault login d password dp\n");
        // Both entries are kept, as the go command keeps them; the first for a machine is the one used.
        Assert.Equal(["a.invalid", "a.invalid"], netrc.Machines);
        Assert.Equal("Basic " + Convert.ToBase64String("one:p1"u8.ToArray()), netrc.HeaderFor(new Uri("https://a.invalid/x"))!.ToString());
        Assert.Null(netrc.HeaderFor(new Uri("https://b.invalid/")));
    }
}

internal sealed class CollectingLoggerProvider : ILoggerProvider
{
    public System.Collections.Concurrent.ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Collecting(this);

    public void Dispose()
    {
    }

    private sealed class Collecting(CollectingLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var structured = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(";", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            owner.Lines.Enqueue($"{logLevel} {formatter(state, exception)} {structured} {exception}");
        }
    }
}
