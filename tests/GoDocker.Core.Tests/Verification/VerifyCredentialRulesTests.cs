using System.Net;
using System.Text;
using GoDocker.Core.Projects;
using GoDocker.Core.Tests.Infrastructure;
using GoDocker.Core.Verification;

namespace GoDocker.Core.Tests.Verification;

/// <summary>
/// Verify sends a module proxy exactly the netrc credentials the base image's go would, and explains a 401 from
/// what the project gives: the machine rules of the image's Go release (from its golang tag), GOAUTH, and whether a
/// netrc item exists at all. The proxy is real HTTPS on 127.0.0.1 with a non-default port and records the
/// Authorization header it gets.
/// </summary>
public sealed class VerifyCredentialRulesTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("godocker-verify-credentials-");
    private readonly System.Security.Cryptography.X509Certificates.X509Certificate2 _root = TestCertificates.CreateRoot("GoDocker Test Proxy Root");
    private readonly List<string?> _authorizations = [];

    public void Dispose() => _directory.Delete(recursive: true);

    [Theory]
    // Go 1.19 matches the host without its port; Go 1.24 (GOAUTH) with it; GOAUTH=off sends nothing from 1.24 on.
    [InlineData("golang:1.19-bookworm", "", "machine 127.0.0.1", true, null)]
    [InlineData("golang:1.19-bookworm", "off", "machine 127.0.0.1", true, null)]
    [InlineData("golang:1.19-bookworm", "", "machine 127.0.0.1:{port}", false, "GD7017")]
    [InlineData("golang:1.24-bookworm", "", "machine 127.0.0.1", false, "GD7017")]
    [InlineData("golang:1.24-bookworm", "", "machine 127.0.0.1:{port}", true, null)]
    [InlineData("golang:1.26.1-alpine", "netrc;/usr/local/bin/corp-auth", "machine 127.0.0.1:{port}", true, null)]
    [InlineData("golang:1.24-bookworm", "off", "machine 127.0.0.1:{port}", false, "GD7017")]
    public async Task Credentials_go_where_the_image_go_sends_them(string image, string goauth, string machine, bool sent, string? code)
    {
        await using var proxy = Proxy();
        var netrc = Write("netrc", machine.Replace("{port}", proxy.Port.ToString(), StringComparison.Ordinal) + " login ci password right\n");

        var report = await VerifyAsync(proxy, image, goauth, netrc);

        Assert.Equal(sent ? "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("ci:right")) : null, Assert.Single(_authorizations));
        Assert.Equal(code, report.Diagnostics.FirstOrDefault(d => d.IsError)?.Code);
        if (code == "GD7017")
        {
            var d = report.Diagnostics.First(d => d.Code == "GD7017");
            Assert.Contains(goauth == "off" ? "GOAUTH is 'off'" : $"'machine {(image.Contains("1.24") ? $"127.0.0.1:{proxy.Port}" : "127.0.0.1")}'", d.Message);
        }
    }

    [Fact]
    public async Task Without_a_netrc_item_a_401_says_none_is_given_at_GoProxy()
    {
        await using var proxy = Proxy();

        var report = await VerifyAsync(proxy, "golang:1.24-bookworm", "", netrc: null);

        var d = Assert.Single(report.Diagnostics, d => d.IsError && d.Code != "GD3011");
        Assert.Equal("GD7016", d.Code);
        Assert.Contains("no GoBuildSecret netrc item", d.Message);
        Assert.Contains($"'machine 127.0.0.1:{proxy.Port} login", d.Message);
        Assert.Equal(3, d.Location?.Line);
    }

    [Fact]
    public async Task Credentials_go_sends_and_the_proxy_refuses_are_GD7013_at_the_item()
    {
        await using var proxy = Proxy();
        var netrc = Write("netrc", "machine 127.0.0.1 login ci password bad-pass-1234\n");

        var report = await VerifyAsync(proxy, "golang:1.22-bookworm", "", netrc);

        Assert.NotNull(Assert.Single(_authorizations));
        var d = Assert.Single(report.Diagnostics, d => d.Code == "GD7013");
        Assert.Contains("GoBuildSecret 'netrc' gives netrc credentials for 127.0.0.1", d.Message);
        Assert.DoesNotContain("bad-pass-1234", d.Message);
    }

    private LocalServer Proxy()
    {
        var leaf = TestCertificates.CreateLeaf(_root, ["localhost"], [IPAddress.Loopback]);
        return new LocalServer((path, authorization) =>
        {
            lock (_authorizations)
            {
                _authorizations.Add(authorization);
            }
            return authorization == "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("ci:right")) ? (200, "v1.0.0\n") : (401, "who are you\n");
        }, leaf);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    private async Task<VerificationReport> VerifyAsync(LocalServer proxy, string image, string goauth, string? netrc)
    {
        var project = Path.Combine(_directory.FullName, "app.goproj");
        File.WriteAllText(project, $"""
            <Project Sdk="GoDocker.Sdk">
              <PropertyGroup>
                <GoProxy>{proxy.Url()}</GoProxy>
                <GoSumDb>off</GoSumDb>
                <GoBaseImage>{image}</GoBaseImage>
                <GoAuth>{goauth}</GoAuth>
              </PropertyGroup>
              <ItemGroup>
                <GoBuildSecret Include="netrc" File="{netrc}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(_directory.FullName, "go.mod"), "module example.com/app\n\ngo 1.19\n\nrequire example.com/lib v1.0.0\n");
        var ca = TestCertificates.WritePem(_directory.FullName, "root.crt", _root);
        var (settings, diagnostics) = GoProjectSettingsReader.Read(project,
            new Dictionary<string, string>
            {
                ["GoProxy"] = proxy.Url().ToString().TrimEnd('/'), ["GoSumDb"] = "off", ["GoBaseImage"] = image, ["GoAuth"] = goauth, ["GoVerifyTimeout"] = "3",
            },
            [ca], netrc is null ? [] : [new GoBuildSecret("netrc", netrc, null)], ProjectFilePositions.Read(project),
            new DictionaryEnvironmentSource(new Dictionary<string, string> { ["HOME"] = "/nonexistent" }), InMemoryTextFileSource.Empty);
        Assert.DoesNotContain(diagnostics, d => d.IsError);
        return await ProjectVerification.RunAsync(settings, TestContext.Current.CancellationToken);
    }
}
