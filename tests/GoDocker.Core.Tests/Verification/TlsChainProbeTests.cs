using GoDocker.Core.GoEnv;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using GoDocker.Core.Verification;

namespace GoDocker.Core.Tests.Verification;

/// <summary>One test per TLS failure Go reports, each against a real HTTPS server on 127.0.0.1.</summary>
public sealed class TlsChainProbeTests : IDisposable
{
    private static readonly IPAddress[] Loopback = [IPAddress.Loopback];
    private readonly string directory = Directory.CreateTempSubdirectory("godocker-tls-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static (int, string) ModuleList(string path) => (200, "v1.0.0\n");

    private Task<VerificationReport> VerifyAsync(LocalServer server, params X509Certificate2[] goCa) => VerifyAsync(server, null, goCa);

    private async Task<VerificationReport> VerifyAsync(LocalServer server, Uri? httpsProxy, params X509Certificate2[] goCa)
    {
        var files = goCa.Length == 0 ? [] : new[] { TestCertificates.WritePem(directory, "ca.pem", goCa) };
        var target = new ProbeTarget("proxy 1", server.Url(), ProbeRole.GoProxy, GoProxyFallback.OnNotFound, httpsProxy, "example.com/mod", "v1.0.0");
        var report = await EndpointVerifier.RunAsync([target], new VerificationOptions { PhaseTimeout = TimeSpan.FromSeconds(5), CaCertificateFiles = files }, TestContext.Current.CancellationToken);
        foreach (var line in report.Endpoints.SelectMany(e => e.Phases).Select(p => p.ToString()).Concat(report.Diagnostics.Select(d => d.ToString())))
        {
            TestContext.Current.TestOutputHelper?.WriteLine(line);
        }
        return report;
    }

    /// <summary>The TLS findings; GD3011 (no path left) always follows a failure of the only proxy.</summary>
    private static string[] Codes(VerificationReport report)
    {
        Assert.Contains(report.Diagnostics, d => d.Code == "GD3011");
        return report.Diagnostics.Where(d => d.IsError && d.Code != "GD3011").Select(d => d.Code).Distinct().ToArray();
    }

    [Fact]
    public async Task Passes_when_the_private_CA_is_given_as_GoCaCertificate()
    {
        using var root = TestCertificates.CreateRoot("GoDocker Test Root");
        using var intermediate = TestCertificates.CreateIntermediate(root, "GoDocker Test Intermediate");
        using var leaf = TestCertificates.CreateLeaf(intermediate, [], Loopback, withAia: true);
        await using var server = new LocalServer(ModuleList, leaf, [intermediate]);

        var report = await VerifyAsync(server, root);

        Assert.False(report.HasErrors, string.Join("\n", report.Diagnostics));
        Assert.True(report.Verdict.CanDownload, report.Verdict.Summary);
        Assert.Equal([ProbePhase.Dns, ProbePhase.Tcp, ProbePhase.Tls, ProbePhase.Http], report.Endpoints[0].Phases.Select(p => p.Phase));
        Assert.Contains("/example.com/mod/@v/list", server.Requests);
    }

    [Fact]
    public async Task Unknown_authority_names_the_issuer_and_GoCaCertificate()
    {
        using var root = TestCertificates.CreateRoot("Unknown Corp Root");
        using var leaf = TestCertificates.CreateLeaf(root, [], Loopback);
        await using var server = new LocalServer(ModuleList, leaf);

        var report = await VerifyAsync(server);

        Assert.Equal(["GD4001"], Codes(report));
        var diagnostic = report.Diagnostics.First(d => d.Code == "GD4001");
        Assert.Contains("CN=Unknown Corp Root", diagnostic.Message);
        Assert.Contains("GoCaCertificate", diagnostic.Message);
        Assert.False(report.Verdict.CanDownload);
    }

    [Fact]
    public async Task Complete_chain_whose_root_is_not_configured_is_GD4022_naming_that_root()
    {
        using var root = TestCertificates.CreateRoot("Unknown Corp Root");
        using var intermediate = TestCertificates.CreateIntermediate(root, "Unknown Corp Issuing CA");
        using var leaf = TestCertificates.CreateLeaf(intermediate, [], Loopback, withAia: true);
        await using var server = new LocalServer(ModuleList, leaf, [intermediate, root]);

        var report = await VerifyAsync(server);

        // A complete but untrusted chain lacks trust in its root, not a missing intermediate.
        Assert.Equal(["GD4022"], Codes(report));
        var diagnostic = report.Diagnostics.First(d => d.Code == "GD4022");
        Assert.Contains("root 'CN=Unknown Corp Root'", diagnostic.Message);
        Assert.Contains("GoCaCertificate", diagnostic.Message);
    }

    [Fact]
    public async Task Expired_certificate_reports_the_date()
    {
        using var root = TestCertificates.CreateRoot("GoDocker Test Root");
        var notAfter = DateTimeOffset.UtcNow.AddDays(-3);
        using var leaf = TestCertificates.CreateLeaf(root, [], Loopback, notBefore: DateTimeOffset.UtcNow.AddDays(-30), notAfter: notAfter);
        await using var server = new LocalServer(ModuleList, leaf);

        var report = await VerifyAsync(server, root);

        Assert.Equal(["GD4002"], Codes(report));
        Assert.Contains(notAfter.ToString("yyyy-MM-dd"), report.Diagnostics.First(d => d.Code == "GD4002").Message);
    }

    [Fact]
    public async Task Not_yet_valid_certificate_reports_the_start_date()
    {
        using var root = TestCertificates.CreateRoot("GoDocker Test Root");
        var notBefore = DateTimeOffset.UtcNow.AddDays(2);
        using var leaf = TestCertificates.CreateLeaf(root, [], Loopback, notBefore: notBefore, notAfter: DateTimeOffset.UtcNow.AddDays(40));
        await using var server = new LocalServer(ModuleList, leaf);

        var report = await VerifyAsync(server, root);

        Assert.Equal(["GD4003"], Codes(report));
        Assert.Contains(notBefore.ToString("yyyy-MM-dd"), report.Diagnostics.First(d => d.Code == "GD4003").Message);
    }

    [Fact]
    public async Task Hostname_mismatch_lists_the_names_the_certificate_holds()
    {
        using var root = TestCertificates.CreateRoot("GoDocker Test Root");
        using var leaf = TestCertificates.CreateLeaf(root, ["goproxy.corp.godocker.invalid"], [IPAddress.Parse("127.0.0.2")]);
        await using var server = new LocalServer(ModuleList, leaf);

        var report = await VerifyAsync(server, root);

        Assert.Equal(["GD4004"], Codes(report));
        var message = report.Diagnostics.First(d => d.Code == "GD4004").Message;
        Assert.Contains("goproxy.corp.godocker.invalid", message);
        Assert.Contains("127.0.0.2", message);
        Assert.Contains("'127.0.0.1'", message);
    }

    [Fact]
    public async Task Missing_intermediate_is_an_incomplete_chain_not_an_unknown_authority()
    {
        using var root = TestCertificates.CreateRoot("GoDocker Test Root");
        using var intermediate = TestCertificates.CreateIntermediate(root, "GoDocker Issuing CA 2");
        using var leaf = TestCertificates.CreateLeaf(intermediate, [], Loopback, withAia: true);
        await using var server = new LocalServer(ModuleList, leaf, sentIntermediates: []);

        var report = await VerifyAsync(server, root);

        Assert.Equal(["GD4005"], Codes(report));
        var message = report.Diagnostics.First(d => d.Code == "GD4005").Message;
        Assert.Contains("omits its intermediate 'CN=GoDocker Issuing CA 2'", message);
        // The AIA host does not resolve: the message says the intermediate could not be checked, and why.
        Assert.Contains("could not be fetched", message);
    }

    [Fact]
    public async Task Missing_intermediate_fetched_through_the_leafs_AIA_is_named_and_verified_against_the_configured_root()
    {
        using var root = TestCertificates.CreateRoot("GoDocker Test Root");
        using var intermediate = TestCertificates.CreateIntermediate(root, "GoDocker Issuing CA 3");
        await using var caSite = new LocalServer(_ => (404, "not here\n"));
        caSite.Files["/issuing-ca-3.crt"] = intermediate.RawData;
        var aia = $"{caSite.Url("http")}issuing-ca-3.crt";
        using var leaf = TestCertificates.CreateLeaf(intermediate, [], Loopback, aiaUrl: aia);
        await using var server = new LocalServer(ModuleList, leaf, sentIntermediates: []);

        var report = await VerifyAsync(server, root);

        Assert.Equal(["GD4005"], Codes(report));
        var message = report.Diagnostics.First(d => d.Code == "GD4005").Message;
        Assert.Contains("omits its intermediate 'CN=GoDocker Issuing CA 3'", message);
        Assert.Contains($"fetched from {aia}", message);
        Assert.Contains("verified", message);
        Assert.Contains("chains to the GoCaCertificate root 'CN=GoDocker Test Root'", message);
        Assert.Contains("add it as GoCaCertificate or fix the server's chain", message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("/issuing-ca-3.crt", caSite.Requests);
    }

    [Fact]
    public async Task Leaf_alone_under_a_configured_root_without_AIA_still_names_the_missing_intermediate()
    {
        using var root = TestCertificates.CreateRoot("GoDocker Test Root");
        using var intermediate = TestCertificates.CreateIntermediate(root, "GoDocker Issuing CA 5");
        using var leaf = TestCertificates.CreateLeaf(intermediate, [], Loopback);
        await using var server = new LocalServer(ModuleList, leaf, sentIntermediates: []);

        var report = await VerifyAsync(server, root);

        Assert.Equal(["GD4005"], Codes(report));
        var message = report.Diagnostics.First(d => d.Code == "GD4005").Message;
        Assert.Contains("omits its intermediate 'CN=GoDocker Issuing CA 5'", message);
        Assert.DoesNotContain("fetched", message);
    }

    [Fact]
    public async Task AIA_serving_a_look_alike_certificate_is_not_called_verified()
    {
        using var root = TestCertificates.CreateRoot("GoDocker Test Root");
        using var intermediate = TestCertificates.CreateIntermediate(root, "GoDocker Issuing CA 4");
        // Same name, other key: it did not sign the leaf.
        using var impostor = TestCertificates.CreateIntermediate(root, "GoDocker Issuing CA 4");
        await using var caSite = new LocalServer(_ => (404, "not here\n"));
        caSite.Files["/ca.crt"] = impostor.RawData;
        using var leaf = TestCertificates.CreateLeaf(intermediate, [], Loopback, aiaUrl: $"{caSite.Url("http")}ca.crt");
        await using var server = new LocalServer(ModuleList, leaf, sentIntermediates: []);

        var report = await VerifyAsync(server, root);

        Assert.Equal(["GD4005"], Codes(report));
        var message = report.Diagnostics.First(d => d.Code == "GD4005").Message;
        Assert.Contains("'CN=GoDocker Issuing CA 4'", message);
        Assert.Contains("does not continue the chain", message);
        Assert.DoesNotContain("verified", message);
    }

    [Fact]
    public async Task Complete_chain_whose_root_the_AIA_serves_is_GD4022_and_says_where_the_root_is()
    {
        using var root = TestCertificates.CreateRoot("Partner Corp Root");
        await using var caSite = new LocalServer(_ => (404, "not here\n"));
        caSite.Files["/root.crt"] = root.RawData;
        using var intermediate = TestCertificates.CreateIntermediate(root, "Partner Corp Issuing CA", $"{caSite.Url("http")}root.crt");
        using var leaf = TestCertificates.CreateLeaf(intermediate, [], Loopback);
        await using var server = new LocalServer(ModuleList, leaf, [intermediate]);

        var report = await VerifyAsync(server);

        Assert.Equal(["GD4022"], Codes(report));
        var message = report.Diagnostics.First(d => d.Code == "GD4022").Message;
        Assert.Contains("root 'CN=Partner Corp Root'", message);
        Assert.Contains($"fetched from {caSite.Url("http")}root.crt", message);
        Assert.Contains("as a GoCaCertificate item", message);
    }

    [Theory]
    [InlineData("Zscaler Root CA", "Zscaler")]
    [InlineData("Fortinet_CA_SSL", "Fortinet FortiGate")]
    [InlineData("mitmproxy", "mitmproxy")]
    public async Task Issuer_of_a_known_interception_product_is_GD4023_naming_the_product(string caName, string product)
    {
        using var root = TestCertificates.CreateRoot(caName);
        using var leaf = TestCertificates.CreateLeaf(root, [], Loopback);
        await using var server = new LocalServer(ModuleList, leaf);

        var report = await VerifyAsync(server);

        Assert.Equal(["GD4023"], Codes(report));
        var message = report.Diagnostics.First(d => d.Code == "GD4023").Message;
        Assert.Contains($"'CN={caName}'", message);
        Assert.Contains($"TLS inspection CA of {product}", message);
        Assert.Contains("GoCaCertificate", message);
    }

    [Fact]
    public async Task Public_host_re_signed_by_a_known_product_is_GD4023_not_the_generic_GD4007()
    {
        using var root = TestCertificates.CreateRoot("Netskope Certificate Authority");
        using var leaf = TestCertificates.CreateLeaf(root, ["proxy.golang.org"], []);
        await using var server = new LocalServer(ModuleList, leaf);

        var untrusted = await HandshakeAsync(server, "proxy.golang.org", []);

        Assert.Equal("GD4023", untrusted.Phase.Diagnostic?.Code);
        Assert.Contains("Netskope", untrusted.Phase.Diagnostic?.Message);
    }

    [Fact]
    public async Task Proxy_that_re_signs_with_another_issuer_than_the_host_presents_directly_is_GD4023()
    {
        using var root = TestCertificates.CreateRoot("GoDocker Test Root");
        using var leaf = TestCertificates.CreateLeaf(root, [], Loopback);
        await using var server = new LocalServer(ModuleList, leaf);
        // Not a product the table knows: only the comparison with the direct path can tell.
        using var inspection = TestCertificates.CreateRoot("Acme Egress Gateway CA");
        using var resigned = TestCertificates.CreateLeaf(inspection, [], Loopback);
        await using var proxy = new InterceptingConnectProxy(resigned);

        var report = await VerifyAsync(server, proxy.Url, root);

        Assert.Equal(["GD4023"], Codes(report));
        var message = report.Diagnostics.First(d => d.Code == "GD4023").Message;
        Assert.Contains("issued by 'CN=Acme Egress Gateway CA'", message);
        Assert.Contains($"through HTTPS_PROXY {proxy.Url.GetLeftPart(UriPartial.Authority)}", message);
        Assert.Contains("asked directly it presents one issued by 'CN=GoDocker Test Root'", message);
        Assert.Equal([$"127.0.0.1:{server.Port}"], proxy.Connects);
    }

    [Fact]
    public async Task Untrusted_chain_through_a_tunnelling_proxy_is_not_called_interception()
    {
        using var root = TestCertificates.CreateRoot("Unknown Corp Root");
        using var leaf = TestCertificates.CreateLeaf(root, [], Loopback);
        await using var server = new LocalServer(ModuleList, leaf);
        await using var proxy = new InterceptingConnectProxy(null);

        var report = await VerifyAsync(server, proxy.Url);

        // The same issuer through the proxy and directly: the server's own CA is untrusted, nothing intercepts.
        Assert.Equal(["GD4001"], Codes(report));
        Assert.NotEmpty(proxy.Connects);
    }

    [Fact]
    public async Task Self_signed_certificate_is_named_as_such()
    {
        using var leaf = TestCertificates.CreateSelfSignedLeaf(["selfsigned.godocker.invalid"], Loopback);
        await using var server = new LocalServer(ModuleList, leaf);

        var report = await VerifyAsync(server);

        Assert.Equal(["GD4006"], Codes(report));
    }

    [Fact]
    public async Task Public_host_answered_by_a_private_root_is_TLS_interception()
    {
        using var root = TestCertificates.CreateRoot("Corp Inspection Root");
        using var leaf = TestCertificates.CreateLeaf(root, ["proxy.golang.org"], []);
        await using var server = new LocalServer(ModuleList, leaf);

        // Connect to the local server but speak to it as proxy.golang.org, as an intercepting proxy would answer.
        var untrusted = await HandshakeAsync(server, "proxy.golang.org", []);
        Assert.Equal("GD4007", untrusted.Phase.Diagnostic?.Code);
        Assert.False(untrusted.Passed);

        var trusted = await HandshakeAsync(server, "proxy.golang.org", [TestCertificates.WritePem(directory, "corp.pem", root)]);
        Assert.True(trusted.Passed, trusted.Phase.Detail);
        Assert.Equal(["GD4020"], trusted.Phase.Diagnostics.Select(d => d.Code));
        trusted.Value?.Dispose();
    }

    [Fact]
    public async Task Unusable_GoCaCertificate_file_is_reported()
    {
        var file = Path.Combine(directory, "not-a-cert.pem");
        await File.WriteAllTextAsync(file, "hello", TestContext.Current.CancellationToken);

        var trust = CertificateTrust.Load(new VerificationOptions { CaCertificateFiles = [file, Path.Combine(directory, "missing.pem")] });

        Assert.Equal(["GD4008", "GD4008"], trust.Diagnostics.Select(d => d.Code));
        Assert.Equal(file, trust.Diagnostics[0].Location?.File);
    }

    private static async Task<ProbeResult<Stream>> HandshakeAsync(LocalServer server, string host, string[] caFiles)
    {
        var trust = CertificateTrust.Load(new VerificationOptions { CaCertificateFiles = caFiles });
        var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, server.Port, TestContext.Current.CancellationToken);
        return await TlsChainProbe.RunAsync(client.GetStream(), host, "GOPROXY entry 1", trust, TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
    }
}
