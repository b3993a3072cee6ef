using GoDocker.Core.Projects;

namespace GoDocker.Core.Tests.Projects;

public class SecretLikeValueTests
{
    [Theory]
    [InlineData("ghp_0123456789abcdefghijABCDEFGHIJ012345", "GitHub")]
    [InlineData("github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz", "GitHub")]
    [InlineData("glpat-0123456789abcdefABCD", "GitLab")]
    [InlineData("AKIAIOSFODNN7EXAMPLE", "AWS")]
    [InlineData("xoxb-1234567890-abcdefghij", "Slack")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U", "JSON Web Token")]
    [InlineData("-X main.key=Zx8pQ2mN7vR4tY1wK9sL3dF6gH0jB5cA", "random-looking")]
    [InlineData("https://ci:hunter2@proxy.example.corp", "user:password")]
    public void Recognizes_tokens(string value, string kind)
    {
        Assert.Contains(kind, SecretLikeValue.Explain(value));
    }

    [Theory]
    [InlineData("https://goproxy.example.corp,https://proxy.golang.org,direct")]
    [InlineData("git.example.corp/*,github.com/MyCompany/InternalServiceLibrary2024")]
    [InlineData("golang:1.22-bookworm@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("-s -w -X main.version=1.2.3 -X main.commit=4f2a9c1d")]
    [InlineData("")]
    public void Leaves_ordinary_settings_alone(string value)
    {
        Assert.Null(SecretLikeValue.Explain(value));
    }

    [Fact]
    public void A_checksum_database_key_is_public_and_not_a_secret()
    {
        using var f = new GoProjectFixture();
        f.Set("GoSumDb", "sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8");
        var (settings, diagnostics) = f.Read();
        Assert.Empty(diagnostics);
        Assert.Equal("sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8", settings.GoEnv("GOSUMDB"));
    }

    [Fact]
    public void A_token_in_GoLdflags_is_GD7002_at_its_line_and_never_reaches_the_Dockerfile()
    {
        using var f = new GoProjectFixture();
        f.Set("GoLdflags", "-X main.apiKey=glpat-0123456789abcdefABCD");
        var (settings, diagnostics) = f.Read();
        var d = Assert.Single(diagnostics);
        Assert.Equal("GD7002", d.Code);
        Assert.Equal(f.LineOf("GoLdflags"), d.Location?.Line);
        Assert.DoesNotContain("glpat-", d.Message);
        Assert.Equal("", settings.Ldflags);
    }
}
