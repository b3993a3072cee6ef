using System.Net.Sockets;
using System.Text;
using GoDocker.ProxyGateway.Protocol;
using GoDocker.ProxyGateway.Tests.Infrastructure;

namespace GoDocker.ProxyGateway.Tests;

public sealed class ProtocolSafetyTests
{
    [Theory]
    [InlineData("golang.org/x/text/@v/list", ModuleFileKind.List, "golang.org/x/text", null)]
    [InlineData("golang.org/x/text/@latest", ModuleFileKind.Latest, "golang.org/x/text", null)]
    [InlineData("golang.org/x/text/@v/v0.3.0.info", ModuleFileKind.Info, "golang.org/x/text", "v0.3.0")]
    [InlineData("github.com/%21azure/go-sdk/@v/v1.0.0-%21r%21c1.mod", ModuleFileKind.Mod, "github.com/Azure/go-sdk", "v1.0.0-RC1")]
    [InlineData("gopkg.in/yaml.v3/@v/v3.0.1+incompatible.zip", ModuleFileKind.Zip, "gopkg.in/yaml.v3", "v3.0.1+incompatible")]
    public void ParsesWhatTheGoCommandSends(string path, ModuleFileKind kind, string module, string? version)
    {
        Assert.True(ModuleRequestParser.TryParse(path, out var request, out var failure), failure?.Message);
        Assert.Equal(kind, request.Kind);
        Assert.Equal(module, request.ModulePath);
        Assert.Equal(version, request.Version);
    }

    [Theory]
    [InlineData("../../etc/passwd/@v/list", 400)]
    [InlineData("example.com/../../secret/@v/v1.0.0.zip", 400)]
    [InlineData("example.com/%2e%2e/%2e%2e/x/@v/v1.0.0.zip", 400)]
    [InlineData("example.com%2Fx/@v/v1.0.0.zip", 400)]
    [InlineData("example.com/x%2F..%2F..%2Fy/@v/list", 400)]
    [InlineData("example.com/x%5c..%5cy/@v/list", 400)]
    [InlineData("github.com/Azure/go-sdk/@v/list", 400)]
    [InlineData("example.com//x/@v/list", 400)]
    [InlineData("/etc/passwd/@v/list", 400)]
    [InlineData("example.com/x/@v/..zip", 404)]
    [InlineData("example.com/x/@v/V1.0.0.zip", 404)]
    [InlineData("example.com/x/@v/v1.0.0.tar", 404)]
    [InlineData("example.com/x/@v/v1.0.0%00.zip", 400)]
    [InlineData("example.com/x", 404)]
    [InlineData("example.com/x/@v/%zz.zip", 400)]
    public void RefusesMalformedAndHostilePaths(string path, int status)
    {
        Assert.False(ModuleRequestParser.TryParse(path, out _, out var failure));
        Assert.Equal(status, failure.StatusCode);
    }

    [Fact]
    public void RefusesVeryLongPaths()
    {
        var path = "example.com/" + new string('a', 5000) + "/@v/list";
        Assert.False(ModuleRequestParser.TryParse(path, out _, out var failure));
        Assert.Equal(414, failure.StatusCode);
    }

    [Theory]
    [InlineData("/../../../../etc/passwd")]
    [InlineData("/%2e%2e/%2e%2e/secret.txt")]
    [InlineData("/example.invalid/m/@v/..%2F..%2F..%2Fsecret.txt.zip")]
    [InlineData("/example.invalid/M/@v/v1.0.0.zip")]
    [InlineData("/snapshots/../secret.txt")]
    [InlineData("/snapshots/..%2Fsecret/example.invalid/m/@v/list")]
    [InlineData("/sumdb/sum.golang.org/../../secret.txt")]
    [InlineData("/blobs/../secret.txt")]
    public async Task HostileRequestsOnTheWireGet4xxAndNeverContentFromOutsideTheCache(string target)
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.Sub("secret.txt"), "TOP-SECRET");
        var folder = new ModuleFolder(temp.Sub("upstream")).Add("example.invalid/m", "v1.0.0");
        await using var upstream = await TestUpstream.StartAsync(folder);
        await using var gateway = await Gateways.StartAsync(temp.Sub("cache"), upstream.Address);

        var (status, body) = await RawGetAsync(gateway.Address, target);

        Assert.InRange(status, 400, 499);
        Assert.DoesNotContain("TOP-SECRET", body);
        Assert.Equal(0, upstream.TotalRequests);
    }

    [Fact]
    public async Task VeryLongRequestLinesAreRefused()
    {
        using var temp = new TempFolder();
        await using var gateway = await Gateways.StartAsync(temp.Sub("cache"), upstream: null);
        var (status, _) = await RawGetAsync(gateway.Address, "/example.com/" + new string('a', 20000) + "/@v/list");
        Assert.InRange(status, 400, 499);
    }

    [Fact]
    public async Task OnlyGetAndHeadAreServed()
    {
        using var temp = new TempFolder();
        await using var gateway = await Gateways.StartAsync(temp.Sub("cache"), upstream: null);
        using var http = Gateways.Client(gateway);
        var response = await http.PostAsync("/example.invalid/m/@v/list", new StringContent(""), TestContext.Current.CancellationToken);
        Assert.Equal(405, (int)response.StatusCode);
    }

    [Fact]
    public async Task A_lowercase_get_is_not_GET_and_serves_nothing()
    {
        using var temp = new TempFolder();
        var folder = new ModuleFolder(temp.Sub("upstream")).Add("example.invalid/m", "v1.0.0");
        await using var upstream = await TestUpstream.StartAsync(folder);
        await using var gateway = await Gateways.StartAsync(temp.Sub("cache"), upstream.Address);

        var (status, body) = await RawGetAsync(gateway.Address, "/example.invalid/m/@v/v1.0.0.mod", method: "get");

        Assert.Equal(405, status);
        Assert.DoesNotContain("module example.invalid/m", body);
        Assert.Equal(0, upstream.TotalRequests);
    }

    [Fact]
    public async Task An_unknown_snapshot_is_a_404_that_does_not_show_the_cache_folder()
    {
        using var temp = new TempFolder();
        await using var gateway = await Gateways.StartAsync(temp.Sub("cache"), upstream: null);

        var (status, body) = await RawGetAsync(gateway.Address, "/snapshots/nope/example.invalid/m/@v/v1.0.0.mod");

        Assert.Equal(404, status);
        Assert.Contains("no snapshot 'nope'", body);
        Assert.DoesNotContain(temp.Path, body);
    }

    /// <summary>Sends the request target byte for byte (HttpClient would normalize dot segments).</summary>
    private static async Task<(int Status, string Body)> RawGetAsync(Uri address, string target, string method = "GET")
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port, TestContext.Current.CancellationToken);
        await using var stream = tcp.GetStream();
        var request = $"{method} {target} HTTP/1.1\r\nHost: {address.Authority}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), TestContext.Current.CancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(TestContext.Current.CancellationToken);
        var status = int.Parse(text.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        return (status, text);
    }
}
