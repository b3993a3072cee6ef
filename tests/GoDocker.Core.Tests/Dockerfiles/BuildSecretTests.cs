using GoDocker.Core.Dockerfiles;
using GoDocker.Core.Projects;
using GoDocker.Core.Tests.Projects;

namespace GoDocker.Core.Tests.Dockerfiles;

/// <summary>GoBuildSecret items: checked before Docker runs, mounted only as BuildKit secrets, never written anywhere.</summary>
public class BuildSecretTests
{
    private const string SecretText = "s3cr3t-Zx8pQ2mN7vR4tY1wK9sL";

    [Fact]
    public void Netrc_secret_is_mounted_for_any_build_user_and_named_by_NETRC_on_download_and_build_and_its_text_is_nowhere()
    {
        using var f = new GoProjectFixture();
        var netrc = Path.Combine(f.Outside, "netrc");
        File.WriteAllText(netrc, $"machine proxy.example.corp login ci password {SecretText}\n");
        f.AddSecret(new GoBuildSecret("netrc", netrc, null));
        var (dockerfile, dockerignore, inputs) = f.Generate();
        var (settings, _) = f.Read();
        var command = DockerBuildCommand.For(settings, "/tmp/Dockerfile");

        Assert.Equal(2, CountOf(dockerfile, "--mount=type=secret,id=netrc,target=/run/secrets/netrc,mode=0444,required=true"));
        Assert.Equal(2, CountOf(dockerfile, "export NETRC=/run/secrets/netrc"));
        Assert.Equal(2, CountOf(dockerfile, "GIT_CONFIG_KEY_0=credential.helper"));
        foreach (var text in new[] { dockerfile, dockerignore, command.ToString(), string.Join(' ', command.Arguments), inputs.Hash })
        {
            Assert.DoesNotContain(SecretText, text);
        }
        Assert.Contains($"id=netrc,src={netrc}", command.Arguments);
    }

    [Fact]
    public void Token_secret_is_read_from_the_mount_inside_the_RUN_step_only()
    {
        using var f = new GoProjectFixture()
            .AddSecret(new GoBuildSecret("gh", null, "GH_TOKEN", GoBuildSecretKind.Token, "GitHub.com", User: "x-access-token"));
        var (dockerfile, _, _) = f.Generate();
        var (instructions, _) = DockerfileLint.Parse(dockerfile);
        Assert.DoesNotContain(instructions, i => i.Keyword is "ENV" or "ARG" && i.Arguments.Contains("/run/secrets", StringComparison.Ordinal));
        var runs = instructions.Where(i => i.Arguments.Contains("GIT_CONFIG_KEY_0", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, runs.Count);
        Assert.All(runs, r => Assert.Equal("RUN", r.Keyword));
        Assert.All(runs, r => Assert.Contains("\"url.https://x-access-token:$(cat /run/secrets/gh)@github.com/.insteadOf\"", r.Arguments));
        Assert.All(runs, r => Assert.Contains("--mount=type=secret,id=gh,required=true", r.Arguments));
    }

    [Fact]
    public void Token_rewrite_gives_git_the_token_from_the_secret_file()
    {
        if (!RunStepShell.Available)
        {
            Assert.Skip("no /bin/sh to run the RUN step");
        }
        using var f = new GoProjectFixture()
            .AddSecret(new GoBuildSecret("tok", null, "TOK", GoBuildSecretKind.Token, "git.example.corp"));
        var (dockerfile, _, _) = f.Generate();
        // Point the mount path at a file the test controls, then let the shell evaluate the rewrite exactly as written.
        var secretFile = Path.Combine(f.Root, "tok");
        File.WriteAllText(secretFile, SecretText + "\n");
        var patched = dockerfile.Replace("/run/secrets/tok", secretFile, StringComparison.Ordinal)
            .Replace(DockerfileWriter.DownloadCommand, "sh -c 'go env-dump \"$GIT_CONFIG_COUNT\" \"$GIT_CONFIG_KEY_0\" \"$GIT_CONFIG_VALUE_0\"'", StringComparison.Ordinal);
        var calls = RunStepShell.Execute(patched, f.ProjectDirectory);
        var dump = calls.First(c => c.Arguments.FirstOrDefault() == "env-dump").Arguments;
        // The variables reach the command's environment (where go hands them to git), not the step's shell.
        Assert.Equal("1", dump[1]);
        Assert.Equal($"url.https://oauth2:{SecretText}@git.example.corp/.insteadOf", dump[2]);
        Assert.Equal("https://git.example.corp/", dump[3]);
    }

    [Fact]
    public void Ssh_secret_forwards_the_agent_and_pins_the_host_keys()
    {
        using var f = new GoProjectFixture();
        var knownHosts = Path.Combine(f.Outside, "known_hosts");
        File.WriteAllText(knownHosts, "git.example.corp ssh-ed25519 AAAA\n");
        f.AddSecret(new GoBuildSecret("ssh", null, null, GoBuildSecretKind.Ssh, "git.example.corp", KnownHosts: knownHosts));
        var (dockerfile, dockerignore, inputs) = f.Generate();
        var (settings, _) = f.Read();
        Assert.Contains("COPY obj/godocker/context/ssh/known_hosts /etc/ssh/ssh_known_hosts\n", dockerfile);
        Assert.Contains("StrictHostKeyChecking=yes", dockerfile);
        Assert.Contains("!obj/godocker/context\n", dockerignore);
        var args = DockerBuildCommand.For(settings, "Dockerfile").Arguments;
        Assert.Equal("default", args[args.IndexOf("--ssh") + 1]);
        Assert.DoesNotContain("--secret", args);
    }

    [Theory]
    [InlineData(null, "ssh://git@git.example.corp/")]
    [InlineData("gerrit-ci", "ssh://gerrit-ci@git.example.corp/")]
    public void Ssh_secret_logs_in_as_its_User_or_as_git(string? user, string rewrite)
    {
        using var f = new GoProjectFixture();
        var knownHosts = Path.Combine(f.Outside, "known_hosts");
        File.WriteAllText(knownHosts, "git.example.corp ssh-ed25519 AAAA\n");
        f.AddSecret(new GoBuildSecret("ssh", null, null, GoBuildSecretKind.Ssh, "git.example.corp", user, knownHosts));
        var (dockerfile, _, _) = f.Generate();
        Assert.Contains($"GIT_CONFIG_KEY_0=\"url.{rewrite}.insteadOf\"", dockerfile);
        Assert.Contains("GIT_CONFIG_VALUE_0=https://git.example.corp/", dockerfile);
    }

    [Fact]
    public void Ssh_secret_whose_known_hosts_lacks_its_host_is_GD7014_before_docker_runs()
    {
        using var f = new GoProjectFixture();
        var knownHosts = Path.Combine(f.Outside, "known_hosts");
        File.WriteAllText(knownHosts, "github.com ssh-ed25519 AAAA\n[git.example.corp]:2222 ssh-ed25519 AAAA\n");
        f.AddSecret(new GoBuildSecret("git-ssh", null, null, GoBuildSecretKind.Ssh, "git.example.corp", KnownHosts: knownHosts));
        var (_, diagnostics) = f.Read();
        var d = Assert.Single(diagnostics);
        Assert.Equal("GD7014", d.Code);
        Assert.Equal(f.LineOf("GoBuildSecret"), d.Location!.Line);
        Assert.Contains($"its KnownHosts file {knownHosts} has no key for git.example.corp", d.Message);
        Assert.Contains("'ssh-keyscan git.example.corp'", d.Message);

        File.WriteAllText(knownHosts, "[git.example.corp]:2222 ssh-ed25519 AAAA\n");
        using var other = new GoProjectFixture();
        other.AddSecret(new GoBuildSecret("git-ssh", null, null, GoBuildSecretKind.Ssh, "git.example.corp:2222", KnownHosts: knownHosts));
        Assert.Empty(other.Read().Diagnostics);
    }

    public static TheoryData<string, GoBuildSecret, string> InvalidSecrets => new()
    {
        { "id with a comma", new GoBuildSecret("a,b", null, "X"), "GD7004" },
        { "empty id", new GoBuildSecret("", null, "X"), "GD7004" },
        { "file and env", new GoBuildSecret("x", "netrc", "X"), "GD7004" },
        { "neither file nor env", new GoBuildSecret("x", null, null), "GD7004" },
        { "env name with a command", new GoBuildSecret("x", null, "X;touch"), "GD7004" },
        { "token without host", new GoBuildSecret("x", null, "X", GoBuildSecretKind.Token), "GD7004" },
        { "host with a path", new GoBuildSecret("x", null, "X", GoBuildSecretKind.Token, "git.example.corp/evil"), "GD7004" },
        { "user with a colon", new GoBuildSecret("x", null, "X", GoBuildSecretKind.Token, "git.example.corp", User: "a:b"), "GD7004" },
        { "ssh user with an at sign", new GoBuildSecret("x", null, null, GoBuildSecretKind.Ssh, "git.example.corp", User: "a@b", KnownHosts: "k"), "GD7004" },
        { "ssh with a file", new GoBuildSecret("x", "key", null, GoBuildSecretKind.Ssh, "git.example.corp"), "GD7004" },
        { "missing secret file", new GoBuildSecret("x", "nope/netrc", null), "GD7003" },
        { "ssh without known hosts", new GoBuildSecret("x", null, null, GoBuildSecretKind.Ssh, "git.example.corp"), "GD7011" },
        { "newline in host", new GoBuildSecret("x", null, "X", GoBuildSecretKind.Token, "git.example.corp\nRUN x"), "GD7004" },
    };

    [Theory]
    [MemberData(nameof(InvalidSecrets))]
    public void Invalid_secret_items_are_reported_at_their_item_and_dropped(string problem, GoBuildSecret secret, string code)
    {
        Assert.NotNull(problem);
        using var f = new GoProjectFixture().AddSecret(secret);
        var (settings, diagnostics) = f.Read();
        var d = Assert.Single(diagnostics);
        Assert.Equal(code, d.Code);
        Assert.True(d.Location?.Line > 0);
        Assert.Empty(settings.BuildSecrets);
    }

    [Fact]
    public void Two_netrc_secrets_are_GD7004_because_there_is_one_root_netrc()
    {
        using var f = new GoProjectFixture()
            .AddSecret(new GoBuildSecret("a", null, "A"))
            .AddSecret(new GoBuildSecret("b", null, "B"));
        var (settings, diagnostics) = f.Read();
        Assert.Equal("GD7004", Assert.Single(diagnostics).Code);
        Assert.Single(settings.BuildSecrets);
    }

    [Fact]
    public void A_secret_file_inside_the_context_is_GD7010_and_kept_out_by_dockerignore()
    {
        using var f = new GoProjectFixture().WriteFile("secrets/my netrc", "machine x login y password z\n");
        f.AddSecret(new GoBuildSecret("netrc", "secrets/my netrc", null));
        var (_, diagnostics) = f.Read();
        var d = Assert.Single(diagnostics);
        Assert.Equal("GD7010", d.Code);
        Assert.Equal(Core.Diagnostics.DiagnosticSeverity.Warning, d.Severity);
        var (_, dockerignore, _) = f.Generate();
        Assert.Contains("secrets/my netrc\n", dockerignore);
    }

    [Fact]
    public void Build_command_has_every_flag_the_download_needs()
    {
        using var f = new GoProjectFixture()
            .Set("GoDockerNetwork", "host")
            .Set("GoPlatforms", "linux/amd64,linux/arm64")
            .AddSecret(new GoBuildSecret("tok", null, "GIT_TOKEN", GoBuildSecretKind.Token, "git.example.corp"));
        var (settings, _) = f.Read();
        var command = DockerBuildCommand.For(settings, "/w/obj/Dockerfile").ForDownload().WithProgress("plain");
        Assert.Equal(
            ["build", "--file", "/w/obj/Dockerfile", "--target", "deps", "--network", "host",
             "--secret", "id=tok,env=GIT_TOKEN", "--progress", "plain", settings.DockerContext],
            command.Arguments);
        // The image build keeps the platforms; the download runs once, on the build machine's platform.
        Assert.Contains("linux/amd64,linux/arm64", DockerBuildCommand.For(settings, "/w/obj/Dockerfile").Arguments);
        Assert.StartsWith("DOCKER_BUILDKIT=1 docker build --file /w/obj/Dockerfile --target deps", command.ToString());
    }

    [Fact]
    public void Build_command_is_immutable_and_quotes_paths_for_the_shell_and_for_docker()
    {
        var command = new DockerBuildCommand { DockerfilePath = "/a b/Dockerfile", ContextDirectory = "/a b" }
            .WithSecret(new GoBuildSecret("netrc", "/home/u/my,netrc", null));
        var tagged = command.WithTag("app:1");
        Assert.Null(command.Tag);
        Assert.Equal("app:1", tagged.Tag);
        Assert.Contains("id=netrc,\"src=/home/u/my,netrc\"", command.Arguments);
        Assert.Contains("--file '/a b/Dockerfile'", command.ToString());
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + 1, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }

    [Fact]
    public void A_netrc_secret_with_a_plain_HTTP_proxy_is_GD7012_because_go_sends_netrc_over_HTTPS_only()
    {
        using var f = new GoProjectFixture().Set("GoProxy", "http://goproxy.example.corp,direct");
        var netrc = Path.Combine(f.Outside, "netrc");
        File.WriteAllText(netrc, "machine goproxy.example.corp login ci password x\n");
        f.AddSecret(new GoBuildSecret("netrc", netrc, null));
        var (_, diagnostics) = f.Read();
        var d = Assert.Single(diagnostics);
        Assert.Equal("GD7012", d.Code);
        Assert.Equal(f.LineOf("GoProxy"), d.Location?.Line);
        f.Set("GoProxy", "https://goproxy.example.corp,direct");
        Assert.Empty(f.Read().Diagnostics);
    }
}
