using System.Net;
using System.Net.Sockets;
using System.Text;
using GoDocker.Core.GoEnv;
using GoDocker.Core.Projects;
using GoDocker.Core.Verification;

namespace GoDocker.Core.Tests.Verification;

/// <summary>
/// Verify follows a private origin's go-import tag to the repository and asks it what git in the build will: a
/// refused token is GD7013 and a repository wanting credentials GD6005 before any Docker work; for an ssh secret,
/// whether an SSH server answers where the rewritten URL points.
/// </summary>
public sealed class GitAccessProbeTests : IDisposable
{
    private const string Module = "127.0.0.1/team/lib";
    private const string Token = "glpat-verify-secret-0123456789";
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("godocker-git-probe-");
    private readonly System.Security.Cryptography.X509Certificates.X509Certificate2 _root = TestCertificates.CreateRoot("GoDocker Test Git Root");

    [Fact]
    public async Task Accepted_token_passes_and_is_named_but_never_shown()
    {
        await using var origin = GitHost();
        var report = await VerifyAsync(origin, TokenSecret(origin, Token));

        var endpoint = Assert.Single(report.Endpoints);
        Assert.Equal(EndpointStatus.Ok, endpoint.Status);
        Assert.Contains($"git: https://127.0.0.1:{origin.Port}/team/lib.git/info/refs answered 200 OK with GoBuildSecret 'git-token'", endpoint.Summary);
        Assert.Contains("/team/lib.git/info/refs?service=git-upload-pack", origin.Requests);
        Assert.False(report.HasErrors);
        Assert.DoesNotContain(Token, endpoint.Summary + string.Join("\n", report.Diagnostics));
    }

    [Fact]
    public async Task Refused_token_is_GD7013_naming_the_item()
    {
        await using var origin = GitHost();
        var report = await VerifyAsync(origin, TokenSecret(origin, "glpat-revoked"));

        Assert.False(report.Verdict.CanDownload);
        var d = Assert.Single(report.Diagnostics, d => d.Code == "GD7013");
        Assert.Contains($"GoBuildSecret 'git-token' gives token credentials for 127.0.0.1:{origin.Port}", d.Message);
        Assert.Contains("info/refs answered 401 Unauthorized", d.Message);
        Assert.DoesNotContain("glpat-revoked", d.Message);
    }

    [Fact]
    public async Task Refused_netrc_credentials_are_GD7013_naming_the_netrc_item()
    {
        await using var origin = GitHost();
        var netrc = Path.Combine(_directory.FullName, "netrc");
        File.WriteAllText(netrc, "machine 127.0.0.1 login ci password wrong\n");
        var target = new ProbeTarget("direct (GOPRIVATE)", new Uri($"https://127.0.0.1:{origin.Port}/team/lib"), ProbeRole.Direct,
            GoProxyFallback.OnNotFound, null, Module, "v1.0.0");
        var options = new VerificationOptions
        {
            CaCertificateFiles = [TestCertificates.WritePem(_directory.FullName, "root.crt", _root)],
            Credentials = GoDocker.Core.Credentials.NetrcCredentials.Parse(File.ReadAllText(netrc)),
            BuildSecrets = [new GoBuildSecret("corp-netrc", netrc, null)],
        };

        var report = await EndpointVerifier.RunAsync([target], options, TestContext.Current.CancellationToken);

        var d = Assert.Single(report.Diagnostics, d => d.Code == "GD7013");
        Assert.Contains("GoBuildSecret 'corp-netrc' gives netrc credentials for 127.0.0.1", d.Message);
    }

    [Fact]
    public async Task Repository_wanting_credentials_without_a_secret_is_GD6005()
    {
        await using var origin = GitHost();
        var report = await VerifyAsync(origin);

        Assert.False(report.Verdict.CanDownload);
        var d = Assert.Single(report.Diagnostics, d => d.Code == "GD6005");
        Assert.Contains("info/refs answered 401 Unauthorized", d.Message);
    }

    [Fact]
    public async Task Missing_repository_is_GD6011()
    {
        await using var origin = GitHost(repository: "/team/other.git");
        var report = await VerifyAsync(origin, TokenSecret(origin, Token));

        var d = Assert.Single(report.Diagnostics, d => d.Code == "GD6011");
        Assert.Contains("answered 404 Not Found", d.Message);
    }

    [Theory]
    [InlineData("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n", null)]
    [InlineData("a greeting line first\r\nSSH-2.0-Gitea\r\n", null)]
    [InlineData("HTTP/1.1 400 Bad Request\r\n\r\n", "GD3013")]
    public async Task Ssh_secret_checks_an_SSH_server_answers_where_the_rewrite_points(string greeting, string? code)
    {
        using var ssh = new TcpListener(IPAddress.Loopback, 0);
        ssh.Start();
        var port = ((IPEndPoint)ssh.LocalEndpoint).Port;
        var serving = Task.Run(async () =>
        {
            using var client = await ssh.AcceptTcpClientAsync(TestContext.Current.CancellationToken);
            await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(greeting), TestContext.Current.CancellationToken);
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }, TestContext.Current.CancellationToken);
        // The origin names the repository on the SSH host's name and port, which the ssh rewrite maps to ssh://.
        await using var origin = new LocalServer(path => path.EndsWith("?go-get=1", StringComparison.Ordinal)
            ? (200, Meta($"https://127.0.0.1:{port}/team/lib.git")) : (404, ""), Leaf());
        var secret = new GoBuildSecret("git-ssh", null, null, GoBuildSecretKind.Ssh, $"127.0.0.1:{port}", KnownHosts: "k");

        var report = await VerifyAsync(origin, secret);
        await serving;

        var endpoint = Assert.Single(report.Endpoints);
        if (code is null)
        {
            Assert.Equal(EndpointStatus.Ok, endpoint.Status);
            Assert.Contains($"git: ssh://git@127.0.0.1:{port} answers (SSH-2.0-", endpoint.Summary);
            Assert.Contains(endpoint.Phases, p => p.Phase == ProbePhase.Ssh && p.Passed);
        }
        else
        {
            var d = Assert.Single(report.Diagnostics, d => d.Code == code);
            Assert.Contains("did not answer as an SSH server (it sent 'HTTP/1.1 400 Bad Request')", d.Message);
            Assert.Contains("GoBuildSecret 'git-ssh' Host", d.Message);
        }
    }

    [Fact]
    public async Task Ssh_secret_with_nothing_listening_is_connection_refused()
    {
        int port;
        using (var closed = new TcpListener(IPAddress.Loopback, 0))
        {
            closed.Start();
            port = ((IPEndPoint)closed.LocalEndpoint).Port;
        }
        await using var origin = new LocalServer(path => (200, Meta($"https://127.0.0.1:{port}/team/lib.git")), Leaf());
        var report = await VerifyAsync(origin, new GoBuildSecret("git-ssh", null, null, GoBuildSecretKind.Ssh, $"127.0.0.1:{port}", KnownHosts: "k"));

        Assert.False(report.Verdict.CanDownload);
        var d = Assert.Single(report.Diagnostics, d => d.Code == "GD3002");
        Assert.Contains($"127.0.0.1:{port} for git over SSH for {Module}", d.Message);
    }

    [Theory]
    [InlineData("<meta name=\"go-import\" content=\"127.0.0.1/team/lib git https://h/team/lib.git\">", "https://h/team/lib.git")]
    [InlineData("<META CONTENT='127.0.0.1/team git https://h/team.git' NAME='go-import'>", "https://h/team.git")]
    [InlineData("<meta name=\"go-import\" content=\"127.0.0.1/team/libx git https://h/x.git\">", null)]
    [InlineData("<meta name=\"go-import\" content=\"127.0.0.1/team/lib git https://h/a.git\"><meta name=\"go-import\" content=\"127.0.0.1/team/lib git https://h/b.git\">", null)]
    [InlineData("<meta name=\"go-import\" content=\"127.0.0.1/team/lib git https://h/a.git\"><meta name=\"go-import\" content=\"127.0.0.1/team/lib mod https://proxy\">", "https://proxy")]
    [InlineData("<body><meta name=\"go-import\" content=\"127.0.0.1/team/lib git https://h/a.git\">", null)]
    [InlineData("<meta name=\"go-import\" content=\"127.0.0.1/team/lib git https://h/a.git?x=1&amp;y=2\">", "https://h/a.git?x=1&y=2")]
    public void Go_import_tags_are_chosen_as_the_go_command_chooses(string html, string? repo)
    {
        Assert.Equal(repo, GoImport.Find("<html><head>" + html + "</head></html>", Module)?.RepoRoot);
    }

    private LocalServer GitHost(string repository = "/team/lib.git")
    {
        LocalServer? server = null;
        server = new LocalServer((path, authorization) => Answer(path, authorization, server!.Port, repository), Leaf());
        return server;
    }

    private static (int, string) Answer(string path, string? authorization, int port, string repository)
    {
        if (path == "/team/lib?go-get=1")
        {
            return (200, Meta($"https://127.0.0.1:{port}/team/lib.git"));
        }
        if (!path.StartsWith(repository + "/info/refs", StringComparison.Ordinal))
        {
            return (404, "");
        }
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("oauth2:" + Token));
        return authorization == expected ? (200, "001e# service=git-upload-pack\n0000") : (401, "");
    }

    private static string Meta(string repo) =>
        $"<!DOCTYPE html><html><head><meta name=\"go-import\" content=\"{Module} git {repo}\"></head><body>go get</body></html>";

    private System.Security.Cryptography.X509Certificates.X509Certificate2 Leaf() =>
        TestCertificates.CreateLeaf(_root, ["localhost"], [IPAddress.Loopback]);

    private GoBuildSecret TokenSecret(LocalServer origin, string token)
    {
        var file = Path.Combine(_directory.FullName, "token");
        File.WriteAllText(file, token + "\n");
        return new GoBuildSecret("git-token", file, null, GoBuildSecretKind.Token, $"127.0.0.1:{origin.Port}");
    }

    private async Task<VerificationReport> VerifyAsync(LocalServer origin, params GoBuildSecret[] secrets)
    {
        var target = new ProbeTarget("direct (GOPRIVATE)", new Uri($"https://127.0.0.1:{origin.Port}/team/lib"), ProbeRole.Direct,
            GoProxyFallback.OnNotFound, null, Module, "v1.0.0");
        var options = new VerificationOptions
        {
            PhaseTimeout = TimeSpan.FromSeconds(5),
            CaCertificateFiles = [TestCertificates.WritePem(_directory.FullName, "root.crt", _root)],
            BuildSecrets = secrets,
        };
        return await EndpointVerifier.RunAsync([target], options, TestContext.Current.CancellationToken);
    }

    public void Dispose()
    {
        _root.Dispose();
        _directory.Delete(recursive: true);
    }
}
