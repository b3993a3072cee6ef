using System.Net;
using System.Security;
using GoDocker.Core.Dockerfiles;
using GoDocker.Core.Projects;
using GoDocker.Sdk.Tests.Dockerfiles;
using GoDocker.Sdk.Tests.Infrastructure;

namespace GoDocker.Sdk.Tests.Secrets;

/// <summary>
/// Issue 8's secrets bullet for the token and SSH forms (the netrc form is proven in GeneratedDockerfileBuildTests):
/// a real private Git host (git http-backend behind TLS with a test CA, and OpenSSH's sshd), a module fetched from it
/// by the go command inside `docker build` through `dotnet build`, and then the secret's text searched for in the
/// generated Dockerfile, the console, the MSBuild binary log, `godocker verify --format json`, and both the build-stage
/// and final images (`docker save`, `docker history`).
/// </summary>
public sealed class PrivateGitSecretBuildTests(SdkPackages packages)
{
    [Fact]
    public async Task Token_secret_fetches_a_private_git_module_and_its_text_is_in_no_file_log_report_or_image()
    {
        Requirements.PrivateGitHost();
        var address = IPAddress.Parse("127.77.0.1");
        var token = "glpat-" + Guid.NewGuid().ToString("N");
        await using var git = new TestGitHost(address.ToString()) { RequiredCredentials = ("oauth2", token) };
        await using var https = new TlsTerminator(git.Port, address, 443);
        using var secrets = new TestFolder("godocker-secret-");
        var tokenFile = secrets.Write("gitlab-token", token);
        var secret = new GoBuildSecret("git-token", tokenFile, null, GoBuildSecretKind.Token, address.ToString());

        await using var proxy = new TestModuleProxy();
        var (project, module, properties) = await PrivateModuleProjectAsync(proxy, git, https, secrets, secret);
        using (project)
        {
            // A revoked token: verify asks the repository as git would and stops the build before Docker, at the item.
            File.WriteAllText(tokenFile, "glpat-revoked");
            var itemLine = Array.FindIndex(File.ReadAllLines(project.ProjectPath), l => l.Contains("<GoBuildSecret", StringComparison.Ordinal)) + 1;
            var refused = await project.BuildAsync();
            Assert.NotEqual(0, refused.ExitCode);
            var error = refused.SingleError(e => e.Code == "GD7013");
            Assert.Equal((project.ProjectPath, itemLine), (error.File, error.Line));
            Assert.Contains("GoBuildSecret 'git-token' gives token credentials for 127.77.0.1", error.Message);
            Assert.DoesNotContain("GoDockerDownload:", refused.Output);
            // Without verify, git inside the build is refused, and the download stage's error says the same.
            var refusedInBuild = await project.BuildAsync("-p:GoVerify=false");
            Assert.NotEqual(0, refusedInBuild.ExitCode);
            Assert.Contains("Authentication failed", refusedInBuild.Output);
            error = refusedInBuild.SingleError(e => e.Code == "GD7013");
            Assert.Equal((project.ProjectPath, itemLine), (error.File, error.Line));
            Assert.DoesNotContain("glpat-revoked", refused.Output + refusedInBuild.Output);
            File.WriteAllText(tokenFile, token);

            await BuildAndCheckEverywhereAsync(project, properties, secrets, secret, new Dictionary<string, string?>(), token);

            // The repository was cloned with the token: every Git request that got data was authorized.
            var repository = "/" + git.RepositoryPath(module) + ".git/";
            Assert.Contains(git.Requests, r => r.Path == repository + "git-upload-pack" && r.Authorized);
            Assert.Contains(git.Requests, r => r.Path == repository + "info/refs" && r.Authorized);
        }
    }

    [Fact]
    public async Task Netrc_secret_gives_git_its_credentials_for_a_direct_fetch_and_its_text_is_in_no_file_log_report_or_image()
    {
        Requirements.PrivateGitHost();
        var address = IPAddress.Parse("127.77.0.3");
        var password = "netrc-" + Guid.NewGuid().ToString("N");
        await using var git = new TestGitHost(address.ToString()) { RequiredCredentials = ("ci", password) };
        await using var https = new TlsTerminator(git.Port, address, 443);
        using var secrets = new TestFolder("godocker-secret-");
        // root's own ~/.netrc in the image is empty: git can only get these through the SDK's credential helper.
        var netrc = secrets.Write("netrc", $"machine {address} login ci password {password}\n");
        var secret = new GoBuildSecret("netrc", netrc, null);

        await using var proxy = new TestModuleProxy();
        var (project, module, properties) = await PrivateModuleProjectAsync(proxy, git, https, secrets, secret);
        using (project)
        {
            await BuildAndCheckEverywhereAsync(project, properties, secrets, secret, new Dictionary<string, string?>(), password);

            var repository = "/" + git.RepositoryPath(module) + ".git/";
            Assert.Contains(git.Requests, r => r.Path == repository + "git-upload-pack" && r.Authorized);
        }
    }

    [Fact]
    public async Task Ssh_agent_fetches_a_private_git_module_and_the_key_is_in_no_file_log_report_or_image()
    {
        Requirements.PrivateGitHost();
        var address = IPAddress.Parse("127.77.0.2");
        // HTTPS answers the go-import tag only; its Git endpoint wants credentials nobody has, so the clone must go
        // over SSH through the rewrite.
        await using var git = new TestGitHost(address.ToString()) { RequiredCredentials = ("nobody", Guid.NewGuid().ToString("N")) };
        await using var https = new TlsTerminator(git.Port, address, 443);
        await using var sshd = await TestSshGitServer.StartAsync(address, git.RepositoriesRoot);
        using var secrets = new TestFolder("godocker-secret-");
        // The forced command in authorized_keys (not a shell) is what this root login may run.
        var secret = new GoBuildSecret("git-ssh", null, null, GoBuildSecretKind.Ssh, address.ToString(), "root", sshd.KnownHostsPath);
        var keyLines = sshd.PrivateKeyText.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("-----", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(keyLines);

        await using var proxy = new TestModuleProxy();
        var (project, module, properties) = await PrivateModuleProjectAsync(proxy, git, https, secrets, secret);
        using (project)
        {
            var environment = new Dictionary<string, string?> { ["SSH_AUTH_SOCK"] = sshd.AgentSocket };

            // known_hosts names the host with another key: ssh in the build refuses it, and the error is at the item.
            var trusted = File.ReadAllText(sshd.KnownHostsPath);
            File.WriteAllText(sshd.KnownHostsPath, sshd.ForeignKnownHostsLine);
            var refused = await project.DotnetAsync(environment, "build", project.ProjectPath, "-nodeReuse:false", "-v:n");
            Assert.NotEqual(0, refused.ExitCode);
            var error = refused.SingleError(e => e.Code == "GD7015");
            Assert.Equal(project.ProjectPath, error.File);
            Assert.Contains($"GoBuildSecret 'git-ssh' ({sshd.KnownHostsPath})", error.Message);
            // The corrected file is staged again on the next build (it is an input of the generate and download steps).
            File.WriteAllText(sshd.KnownHostsPath, trusted);

            await BuildAndCheckEverywhereAsync(project, properties, secrets, secret, environment, keyLines);

            Assert.True(sshd.ServedCommands.Contains($"git-upload-pack '/{git.RepositoryPath(module)}.git'"),
                "sshd served no clone:\n" + string.Join('\n', sshd.ServedCommands) + "\n" + sshd.Log);
            Assert.DoesNotContain(git.Requests, r => r.Authorized);
        }
    }

    /// <summary>A .goproj requiring <paramref name="git"/>'s new module through GOPRIVATE, with the secret and the
    /// host's CA as items, and the go.sum its module would get.</summary>
    private async Task<(TestGoProject Project, TestGoModule Module, Dictionary<string, string> Properties)> PrivateModuleProjectAsync(
        TestModuleProxy proxy, TestGitHost git, TlsTerminator https, TestFolder secrets, GoBuildSecret secret)
    {
        var module = TestGoModule.Greeting($"{git.HostName}/team/m{Guid.NewGuid():N}"[..(git.HostName.Length + 15)]);
        await git.AddAsync(module);
        var ca = secrets.Write("git-root-ca.crt", https.CaPem);
        // GOPROXY serves the public modules (none here); the private host is reached directly, as GOPRIVATE says.
        var properties = TestGoProject.LocalDockerSettings(proxy.Url, ("GoPrivate", git.HostName))
            .Select(p => p.Item1 == "GoBaseImage" ? (p.Item1, Requirements.GitImage) : p).ToList();
        var project = new TestGoProject(packages).WithProject(properties, ItemsXml(secret, ca)).WithMainModule(module);
        File.WriteAllText(project.GoSumPath, await module.GoSumLinesAsync());
        return (project, module, properties.ToDictionary(p => p.Item1, p => p.Item2, StringComparer.OrdinalIgnoreCase));
    }

    private static string ItemsXml(GoBuildSecret secret, string ca)
    {
        var metadata = new[] { ("File", secret.File), ("Kind", secret.Kind.ToString().ToLowerInvariant()), ("Host", secret.Host), ("User", secret.User), ("KnownHosts", secret.KnownHosts) }
            .Where(m => m.Item2 is not null)
            .Select(m => $" {m.Item1}=\"{SecurityElement.Escape(m.Item2)}\"");
        return $"<GoBuildSecret Include=\"{secret.Id}\"{string.Concat(metadata)} />\n    <GoCaCertificate Include=\"{SecurityElement.Escape(ca)}\" />";
    }

    private async Task BuildAndCheckEverywhereAsync(
        TestGoProject project, Dictionary<string, string> properties, TestFolder secrets, GoBuildSecret secret, IReadOnlyDictionary<string, string?> environment, params string[] secretTexts)
    {
        // dotnet build: verify, generate and the download stage, which clones the module inside docker build.
        var binlog = secrets.Path("build.binlog");
        var build = await project.DotnetAsync(environment, "build", project.ProjectPath, "-nodeReuse:false", "-v:n", "-bl:" + binlog);
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("GIT_CONFIG_COUNT=1", File.ReadAllText(project.DockerfilePath));
        AssertNoneIn(File.ReadAllText(project.DockerfilePath), "the generated Dockerfile", secretTexts);
        AssertNoneIn(build.Output, "the console", secretTexts);
        await BinaryLog.AssertHoldsNoneAsync(binlog, secretTexts);

        // godocker verify --format json over the same project.
        await project.InstallToolAsync();
        var verify = await project.DotnetAsync(environment, "tool", "run", "godocker", "verify", "--format", "json");
        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.Contains("\"hasErrors\": false", verify.Output);
        AssertNoneIn(verify.Output, "the verify JSON", secretTexts);

        // The build stage and the final image, built with the SDK's Dockerfile and build command; the final image runs
        // the greeting compiled from the private module.
        var (settings, diagnostics) = GoProjectSettingsReader.Read(project.ProjectPath, properties, [], [secret]);
        Assert.DoesNotContain(diagnostics, d => d.IsError);
        var command = DockerBuildCommand.For(settings, project.DockerfilePath);
        var buildTag = TestDocker.UniqueTag("git-build");
        var finalTag = TestDocker.UniqueTag("git-final");
        try
        {
            var stage = await TestDocker.BuildAsync(command.WithTarget(DockerfileWriter.BuildStage).WithTag(buildTag), project.Directory, environment);
            Assert.True(stage.ExitCode == 0, stage.ToString());
            var final = await TestDocker.BuildAsync(command.WithTag(finalTag), project.Directory, environment);
            Assert.True(final.ExitCode == 0, final.ToString());
            AssertNoneIn(stage.Output + final.Output, "the docker build output", secretTexts);
            var run = await TestDocker.RunAsync(["run", "--rm", "--network", "none", finalTag], project.Directory);
            Assert.Equal("hello, docker\n", run.Output);
            foreach (var tag in new[] { buildTag, finalTag })
            {
                await TestDocker.AssertImageHoldsNoneAsync(tag, project.Directory, secretTexts);
            }
        }
        finally
        {
            await TestDocker.RemoveImagesAsync(project.Directory, buildTag, finalTag);
        }
    }

    private static void AssertNoneIn(string text, string where, string[] secrets)
    {
        foreach (var secret in secrets)
        {
            Assert.False(text.Contains(secret, StringComparison.Ordinal), $"a secret is in {where}");
        }
    }
}
