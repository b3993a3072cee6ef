using GoDocker.Core.Classification;
using GoDocker.Core.Projects;
using GoDocker.Core.Tests.Projects;

namespace GoDocker.Core.Tests.Classification;

/// <summary>
/// Git refusing credentials is GD6005 ("add a secret") unless the project already has a secret for that host: then it
/// is GD7013 at that GoBuildSecret item, because the secret is what to fix.
/// </summary>
public sealed class SecretRefusedClassificationTests
{
    internal const string TokenRefused = """
        #10 0.162 go: git.example.corp/team/lib@v1.0.0: reading git.example.corp/team/lib/go.mod at revision v1.0.0: git ls-remote -q origin in /go/pkg/mod/cache/vcs/a1b9: exit status 128:
        #10 0.162 	fatal: Authentication failed for 'https://git.example.corp/team/lib.git/'
        #10 ERROR: executor failed running [/bin/sh -c go mod download]: exit code: 1

        """;

    private const string KeyRefused = """
        go: git.example.corp/team/lib@v1.0.0: git ls-remote -q origin in /go/pkg/mod/cache/vcs/a1b9: exit status 128:
        	git@git.example.corp: Permission denied (publickey).
        	fatal: Could not read from remote repository.

        """;

    [Fact]
    public void Refusal_without_a_secret_for_the_host_asks_for_one_at_the_require_line()
    {
        using var f = Project();
        var token = Path.Combine(f.Outside, "token");
        File.WriteAllText(token, "t");
        f.AddSecret(new GoBuildSecret("other", token, null, GoBuildSecretKind.Token, "git.other.corp"));
        var (settings, _) = f.Read();

        var d = Assert.Single(new ProjectOutputClassifier().Classify(TokenRefused, settings));

        Assert.Equal("GD6005", d.Code);
        Assert.EndsWith("go.mod", d.Location!.File, StringComparison.Ordinal);
        Assert.Equal(5, d.Location.Line);
    }

    [Fact]
    public void Refused_token_for_the_host_is_GD7013_at_its_item_and_names_it()
    {
        using var f = Project();
        var token = Path.Combine(f.Outside, "token");
        File.WriteAllText(token, "t");
        f.AddSecret(new GoBuildSecret("git-token", token, null, GoBuildSecretKind.Token, "git.example.corp"));
        var (settings, _) = f.Read();

        var d = Assert.Single(new ProjectOutputClassifier().Classify(TokenRefused, settings));

        Assert.Equal("GD7013", d.Code);
        Assert.Equal(f.ProjectPath, d.Location!.File);
        Assert.Equal(f.LineOf("GoBuildSecret"), d.Location.Line);
        Assert.Contains("GoBuildSecret 'git-token' gives token credentials for git.example.corp", d.Message);
        Assert.Contains("fatal: Authentication failed for 'https://git.example.corp/team/lib.git/'", d.Message);
    }

    [Fact]
    public void Refused_ssh_key_for_the_host_is_GD7013()
    {
        using var f = Project();
        var knownHosts = Path.Combine(f.Outside, "known_hosts");
        File.WriteAllText(knownHosts, "git.example.corp ssh-ed25519 AAAA\n");
        f.AddSecret(new GoBuildSecret("git-ssh", null, null, GoBuildSecretKind.Ssh, "git.example.corp", KnownHosts: knownHosts));
        var (settings, diagnostics) = f.Read();
        Assert.Empty(diagnostics);

        var d = Assert.Single(new ProjectOutputClassifier().Classify(KeyRefused, settings));

        Assert.Equal("GD7013", d.Code);
        // ssh's "git@git.example.corp:" is a login, not a module at a version.
        Assert.StartsWith("Fetching git.example.corp/team/lib failed", d.Message, StringComparison.Ordinal);
        Assert.Contains("GoBuildSecret 'git-ssh' gives ssh credentials", d.Message);
        Assert.Contains("Permission denied (publickey)", d.Message);
    }

    private const string HostKeyChanged = """
        #10 0.412 go: git.example.corp/team/lib@v1.0.0: git ls-remote -q origin in /go/pkg/mod/cache/vcs/5c1e: exit status 128:
        #10 0.412 	@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@
        #10 0.412 	@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @
        #10 0.412 	@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@
        #10 0.412 	IT IS POSSIBLE THAT SOMEONE IS DOING SOMETHING NASTY!
        #10 0.412 	Host key verification failed.
        #10 0.412 	fatal: Could not read from remote repository.

        """;

    [Fact]
    public void Changed_host_key_is_GD7015_at_the_ssh_item_not_a_credentials_problem()
    {
        using var f = Project();
        var knownHosts = Path.Combine(f.Outside, "known_hosts");
        File.WriteAllText(knownHosts, "git.example.corp ssh-ed25519 AAAA\n");
        f.AddSecret(new GoBuildSecret("git-ssh", null, null, GoBuildSecretKind.Ssh, "git.example.corp", KnownHosts: knownHosts));
        var (settings, _) = f.Read();

        var d = Assert.Single(new ProjectOutputClassifier().Classify(HostKeyChanged, settings));

        Assert.Equal("GD7015", d.Code);
        Assert.Equal(f.LineOf("GoBuildSecret"), d.Location!.Line);
        Assert.Contains("Fetching git.example.corp/team/lib over SSH failed: WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!", d.Message);
        Assert.Contains($"of GoBuildSecret 'git-ssh' ({knownHosts})", d.Message);
        Assert.Contains("'ssh-keyscan git.example.corp'", d.Message);
    }

    [Fact]
    public void Unknown_host_key_without_a_project_points_at_the_require_line()
    {
        using var f = Project();
        var (settings, _) = f.Read();
        var output = "go: git.example.corp/team/lib@v1.0.0: git ls-remote -q origin in /x: exit status 128:\n" +
            "\tNo ED25519 host key is known for git.example.corp and you have requested strict checking.\n\tHost key verification failed.\n";

        var d = Assert.Single(new ProjectOutputClassifier().Classify(output, settings));

        Assert.Equal("GD7015", d.Code);
        Assert.Equal(5, d.Location!.Line);
        Assert.Contains("No ED25519 host key is known for git.example.corp and you have requested strict checking", d.Message);
    }

    [Theory]
    [InlineData("machine git.example.corp login ci password p\n", "GD7013")]
    [InlineData("machine proxy.example.corp login ci password p\n", "GD6005")]
    public void Netrc_secret_counts_for_the_machines_its_file_lists(string netrc, string code)
    {
        using var f = Project();
        var file = Path.Combine(f.Outside, "netrc");
        File.WriteAllText(file, netrc);
        f.AddSecret(new GoBuildSecret("netrc", file, null));
        var (settings, _) = f.Read();

        var d = Assert.Single(new ProjectOutputClassifier().Classify(TokenRefused, settings));

        Assert.Equal(code, d.Code);
    }

    private static GoProjectFixture Project() =>
        new GoProjectFixture().WriteFile("go.mod", "module example.com/app\n\ngo 1.19\n\nrequire git.example.corp/team/lib v1.0.0\n");
}
