using System.Net;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.GoEnv;
using GoDocker.Core.Projects;
using GoDocker.Core.Verification;

namespace GoDocker.Core.Tests.Verification;

/// <summary>
/// Go 1.23+'s post-quantum ClientHello against a middlebox that drops large first records (golang/go#70047): verify
/// tells it from a working path by sending a classic and a Go-sized ClientHello through a real relay to a real server.
/// </summary>
public sealed class ClientHelloSizeProbeTests : IDisposable
{
    private static readonly IPAddress[] Loopback = [IPAddress.Loopback];
    private readonly string directory = Directory.CreateTempSubdirectory("godocker-hello-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static (int, string) ModuleList(string path) => (200, "v1.0.0\n");

    [Fact]
    public async Task A_TLS_server_answers_both_hand_written_ClientHellos_with_a_ServerHello()
    {
        using var root = TestCertificates.CreateRoot("GoDocker Test Root");
        using var leaf = TestCertificates.CreateLeaf(root, [], Loopback);
        await using var server = new LocalServer(ModuleList, leaf);
        var endpoint = new IPEndPoint(IPAddress.Loopback, server.Port);

        var classic = GoClientHello.Create("127.0.0.1", null);
        var goSized = GoClientHello.Create("127.0.0.1", PostQuantumKeyShare.MlKem);

        TestContext.Current.TestOutputHelper?.WriteLine($"classic {classic.Length} bytes, Go-sized {goSized.Length} bytes");
        // Go's hello with the hybrid share needs two TCP segments (more than ~1 200 bytes); the classic one does not.
        Assert.InRange(classic.Length, 200, 600);
        Assert.InRange(goSized.Length, 1400, 1700);
        Assert.Equal(ClientHelloSizeProbe.Answer.ServerHello, await ClientHelloSizeProbe.SendAsync(endpoint, classic, TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
        Assert.Equal(ClientHelloSizeProbe.Answer.ServerHello, await ClientHelloSizeProbe.SendAsync(endpoint, goSized, TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
        Assert.Equal(ClientHelloSizeProbe.Answer.ServerHello, await ClientHelloSizeProbe.SendAsync(endpoint,
            GoClientHello.Create("goproxy.corp.example", PostQuantumKeyShare.Kyber), TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Middlebox_dropping_the_Go_sized_ClientHello_is_GD4021_at_the_GoProxy_line_with_the_GODEBUG_fix()
    {
        using var root = TestCertificates.CreateRoot("GoDocker Test Root");
        using var leaf = TestCertificates.CreateLeaf(root, [], Loopback);
        await using var server = new LocalServer(ModuleList, leaf);
        await using var middlebox = new ClientHelloSizeMiddlebox(server.Port);

        var report = await VerifyAsync(middlebox.Url, root, PostQuantumKeyShare.MlKem);

        // .NET's classic handshake gets through, so the download path itself looks fine...
        Assert.True(report.Verdict.CanDownload, report.Verdict.Summary);
        Assert.Equal(EndpointStatus.Ok, report.Endpoints[0].Status);
        // ...but Go's ClientHello is dropped, and that is what the build will send.
        var stall = Assert.Single(report.Diagnostics, d => d.Code == "GD4021");
        Assert.True(stall.IsError);
        Assert.Equal(Setting, stall.Location);
        Assert.Contains("<GoEnvironmentVariable Include=\"GODEBUG\" Value=\"tlsmlkem=0\" />", stall.Message);
        Assert.Contains("X25519MLKEM768", stall.Message);
        Assert.Contains("but no answer within 2 s for a Go-sized one", stall.Message);
        Assert.NotEmpty(middlebox.Dropped);
        Assert.All(middlebox.Dropped, size => Assert.True(size > 1200, $"dropped a {size}-byte record"));
    }

    [Fact]
    public async Task On_Go_1_23_the_fix_is_tlskyber()
    {
        using var root = TestCertificates.CreateRoot("GoDocker Test Root");
        using var leaf = TestCertificates.CreateLeaf(root, [], Loopback);
        await using var server = new LocalServer(ModuleList, leaf);
        await using var middlebox = new ClientHelloSizeMiddlebox(server.Port);

        var report = await VerifyAsync(middlebox.Url, root, PostQuantumKeyShare.For("1.23.4"));

        var stall = Assert.Single(report.Diagnostics, d => d.Code == "GD4021");
        Assert.Contains("Value=\"tlskyber=0\"", stall.Message);
        Assert.Contains("X25519Kyber768Draft00", stall.Message);
    }

    [Fact]
    public async Task A_plain_relay_passes_both_ClientHellos_and_gives_no_GD4021()
    {
        using var root = TestCertificates.CreateRoot("GoDocker Test Root");
        using var leaf = TestCertificates.CreateLeaf(root, [], Loopback);
        await using var server = new LocalServer(ModuleList, leaf);
        await using var relay = new ClientHelloSizeMiddlebox(server.Port, maxFirstRecord: null);

        var report = await VerifyAsync(relay.Url, root, PostQuantumKeyShare.Unknown);

        Assert.False(report.HasErrors, string.Join("\n", report.Diagnostics));
        Assert.Empty(relay.Dropped);
    }

    [Fact]
    public async Task Without_a_post_quantum_Go_the_probe_does_not_run()
    {
        using var root = TestCertificates.CreateRoot("GoDocker Test Root");
        using var leaf = TestCertificates.CreateLeaf(root, [], Loopback);
        await using var server = new LocalServer(ModuleList, leaf);
        await using var middlebox = new ClientHelloSizeMiddlebox(server.Port);

        // Go 1.22 sends no hybrid share: its ClientHello passes such a middlebox, so nothing to warn about.
        Assert.Null(PostQuantumKeyShare.For("1.22"));
        var report = await VerifyAsync(middlebox.Url, root, PostQuantumKeyShare.For("1.22.5"));

        Assert.DoesNotContain(report.Diagnostics, d => d.Code == "GD4021");
        Assert.Empty(middlebox.Dropped);
    }

    [Theory]
    [InlineData("golang:1.24-bookworm", "tlsmlkem=0")]
    [InlineData("golang:1.23", "tlskyber=0")]
    [InlineData("registry.corp.example/build/go-toolset:latest", "tlsmlkem=0\" /> to the project (on Go 1.23: Value=\"tlskyber=0\")")]
    [InlineData("golang:1.22-bookworm", null)]
    public async Task The_base_image_Go_decides_whether_verify_sends_a_Go_sized_ClientHello(string baseImage, string? fix)
    {
        using var root = TestCertificates.CreateRoot("GoDocker Test Root");
        using var leaf = TestCertificates.CreateLeaf(root, [], Loopback);
        await using var server = new LocalServer(ModuleList, leaf);
        await using var middlebox = new ClientHelloSizeMiddlebox(server.Port);
        var ca = TestCertificates.WritePem(directory, "root.pem", root);
        var project = Path.Combine(directory, "app.goproj");
        await File.WriteAllTextAsync(project, $"""
            <Project Sdk="GoDocker.Sdk">
              <PropertyGroup>
                <GoBaseImage>{baseImage}</GoBaseImage>
                <GoProxy>{middlebox.Url}</GoProxy>
                <GoSumDb>off</GoSumDb>
              </PropertyGroup>
            </Project>
            """, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, "go.mod"), "module example.com/app\n\ngo 1.19\n\nrequire example.com/mod v1.0.0\n",
            TestContext.Current.CancellationToken);
        var (settings, _) = GoProjectSettingsReader.Read(project,
            new Dictionary<string, string> { ["GoBaseImage"] = baseImage, ["GoProxy"] = middlebox.Url.ToString(), ["GoSumDb"] = "off", ["GoVerifyTimeout"] = "2" },
            [ca], [], ProjectFilePositions.Read(project), new DictionaryEnvironmentSource(new Dictionary<string, string> { ["HOME"] = "/nonexistent" }));

        var report = await ProjectVerification.RunAsync(settings, TestContext.Current.CancellationToken);

        if (fix is null)
        {
            Assert.DoesNotContain(report.Diagnostics, d => d.Code == "GD4021");
            return;
        }
        var stall = Assert.Single(report.Diagnostics, d => d.Code == "GD4021");
        Assert.Contains(fix, stall.Message);
        Assert.Equal(project, stall.Location?.File);
        Assert.Equal(4, stall.Location?.Line); // the GoProxy line
    }

    private static readonly SourceLocation Setting = new("/src/app.goproj", 7, 5);

    private async Task<VerificationReport> VerifyAsync(Uri url, System.Security.Cryptography.X509Certificates.X509Certificate2 root, PostQuantumKeyShare? share)
    {
        var ca = TestCertificates.WritePem(directory, "ca.pem", root);
        var target = new ProbeTarget("proxy 1", url, ProbeRole.GoProxy, GoProxyFallback.OnNotFound, null, "example.com/mod", "v1.0.0") { Setting = Setting };
        var options = new VerificationOptions { PhaseTimeout = TimeSpan.FromSeconds(2), CaCertificateFiles = [ca], PostQuantumKeyShare = share };
        var report = await EndpointVerifier.RunAsync([target], options, TestContext.Current.CancellationToken);
        foreach (var line in report.Endpoints.SelectMany(e => e.Phases).Select(p => p.ToString()).Concat(report.Diagnostics.Select(d => d.ToString())))
        {
            TestContext.Current.TestOutputHelper?.WriteLine(line);
        }
        return report;
    }
}
