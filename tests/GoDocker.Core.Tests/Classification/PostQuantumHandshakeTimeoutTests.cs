using GoDocker.Core.Classification;
using GoDocker.Core.Tests.Projects;

namespace GoDocker.Core.Tests.Classification;

/// <summary>
/// <c>net/http: TLS handshake timeout</c> from a Go that sends the post-quantum key share (1.23+) is GD4021 with the
/// GODEBUG fix; from an older or unknown Go it stays GD3009. The Go comes from the log or from the project's image.
/// </summary>
public sealed class PostQuantumHandshakeTimeoutTests
{
    // The shape of a BuildKit download stage stalled by such a middlebox (golang/go#70047).
    internal static string BuildLog(string image) => $"""
        #1 [internal] load build definition from Dockerfile
        #1 transferring dockerfile: 1.21kB done
        #1 DONE 0.0s

        #2 [internal] load metadata for docker.io/library/{image}
        #2 DONE 0.1s

        #5 [base 1/3] FROM docker.io/library/{image}@sha256:8c10f21bec412f08f73aa7b97ca5ac5f28a39d8a88030ad8a339fd0a781d72b4
        #5 DONE 0.0s

        #8 [download 2/2] RUN --mount=type=cache,id=gomod,target=/go/pkg/mod go mod download
        #8 0.184 go: downloading github.com/sirupsen/logrus v1.9.3
        #8 10.192 go: github.com/sirupsen/logrus@v1.9.3: Get "https://proxy.golang.org/github.com/sirupsen/logrus/@v/v1.9.3.mod": net/http: TLS handshake timeout
        #8 ERROR: process "/bin/sh -c go mod download" did not complete successfully: exit code: 1
        ------
         > [download 2/2] RUN --mount=type=cache,id=gomod,target=/go/pkg/mod go mod download:
        10.192 go: github.com/sirupsen/logrus@v1.9.3: Get "https://proxy.golang.org/github.com/sirupsen/logrus/@v/v1.9.3.mod": net/http: TLS handshake timeout
        ------
        ERROR: failed to solve: process "/bin/sh -c go mod download" did not complete successfully: exit code: 1

        """;

    private const string BareTimeout = """
        go: github.com/sirupsen/logrus@v1.9.3: Get "https://proxy.golang.org/github.com/sirupsen/logrus/@v/v1.9.3.mod": net/http: TLS handshake timeout

        """;

    [Fact]
    public void Handshake_timeout_under_a_Go_1_24_image_is_GD4021_with_tlsmlkem_at_the_require_line()
    {
        using var project = new TestProject("github.com/sirupsen/logrus@v1.9.3");

        var d = Assert.Single(GoOutputClassifier.Default.Classify(BuildLog("golang:1.24-bookworm"), project.Positions()));

        Assert.Equal("GD4021", d.Code);
        Assert.Contains("proxy.golang.org", d.Message);
        Assert.Contains("github.com/sirupsen/logrus@v1.9.3", d.Message);
        Assert.Contains("<GoEnvironmentVariable Include=\"GODEBUG\" Value=\"tlsmlkem=0\" />", d.Message);
        Assert.Equal(TestProject.RequireLine, d.Location?.Line);
    }

    [Fact]
    public void Handshake_timeout_under_Go_1_23_names_tlskyber()
    {
        var d = Assert.Single(GoOutputClassifier.Default.Classify(BuildLog("golang:1.23.4-alpine")));

        Assert.Equal("GD4021", d.Code);
        Assert.Contains("Value=\"tlskyber=0\"", d.Message);
        Assert.Contains("X25519Kyber768Draft00", d.Message);
    }

    [Fact]
    public void A_toolchain_switch_to_a_newer_Go_counts_over_the_image()
    {
        var log = "go: downloading go1.24.2 (linux/amd64)\n" + BareTimeout;

        var d = Assert.Single(GoOutputClassifier.Default.Classify(BuildLog("golang:1.21").Replace("#8 0.184 ", "#8 0.100 go: downloading go1.24.2 (linux/amd64)\n#8 0.184 ")));

        Assert.Equal("GD4021", d.Code);
        Assert.Equal("GD4021", Assert.Single(GoOutputClassifier.Default.Classify(log)).Code);
    }

    [Theory]
    [InlineData("golang:1.22-bookworm")]
    [InlineData("golang:1.19")]
    public void Handshake_timeout_under_an_older_Go_stays_GD3009(string image)
    {
        var d = Assert.Single(GoOutputClassifier.Default.Classify(BuildLog(image)));

        Assert.Equal("GD3009", d.Code);
    }

    [Fact]
    public void Handshake_timeout_with_no_Go_version_in_sight_stays_GD3009()
    {
        Assert.Equal("GD3009", Assert.Single(GoOutputClassifier.Default.Classify(BareTimeout)).Code);
    }

    [Theory]
    [InlineData("golang:1.24-bookworm", "GD4021")]
    [InlineData("golang:1.23", "GD4021")]
    [InlineData("golang:1.22-bookworm", "GD3009")]
    [InlineData("registry.corp.example/go-toolset:latest", "GD3009")]
    public void The_projects_base_image_decides_when_the_log_does_not_say(string image, string code)
    {
        using var f = new GoProjectFixture()
            .Set("GoBaseImage", image)
            .WriteFile("go.mod", "module example.com/app\n\ngo 1.19\n\nrequire github.com/sirupsen/logrus v1.9.3\n");
        var (settings, _) = f.Read();

        var d = Assert.Single(new ProjectOutputClassifier().Classify(BareTimeout, settings));

        Assert.Equal(code, d.Code);
        if (code == "GD4021")
        {
            Assert.Contains(image.StartsWith("golang:1.23", StringComparison.Ordinal) ? "tlskyber=0" : "tlsmlkem=0", d.Message);
        }
    }

    [Theory]
    [InlineData("tlsmlkem=0")]
    [InlineData("tlskyber=0")]
    public void The_fix_GD4021_names_is_a_GoEnvironmentVariable_the_project_accepts(string value)
    {
        using var f = new GoProjectFixture()
            .Set("GoBaseImage", "golang:1.24-bookworm")
            .AddVariable("GODEBUG", value)
            .WriteFile("go.mod", "module example.com/app\n\ngo 1.19\n");

        var (_, diagnostics) = f.Read();

        Assert.DoesNotContain(diagnostics, d => d.IsError || d.Descriptor.Severity == GoDocker.Core.Diagnostics.DiagnosticSeverity.Warning);
        Assert.Contains(f.Generate().Dockerfile.Split('\n'), l => l.Contains("GODEBUG", StringComparison.Ordinal) && l.Contains(value, StringComparison.Ordinal));
    }
}
