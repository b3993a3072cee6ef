using GoDocker.Core.Classification;
using GoDocker.Core.Projects;
using GoDocker.Core.Tests.Projects;

namespace GoDocker.Core.Tests.Classification;

/// <summary>
/// The BuildKit samples of the classifier tests outside the go-errors corpus (TLS handshake timeouts behind a
/// post-quantum-intolerant middlebox, a refused git secret, go mod download -json), rewritten as podman's Buildah
/// prints a failed RUN (<see cref="BuildahWording.FromBuildKitPlain"/>, the shape recorded in
/// <see cref="BuildahOutputTests"/>): the same code at the same file and line.
/// </summary>
public class BuildahTwinTests
{
    [Theory]
    [InlineData("golang:1.24-bookworm", "GD4021")]
    [InlineData("golang:1.23.4-alpine", "GD4021")]
    [InlineData("golang:1.22", "GD3009")]
    public void A_TLS_handshake_timeout_in_Buildah_output_is_what_it_is_in_BuildKit_output(string image, string code)
    {
        using var project = new TestProject("github.com/sirupsen/logrus@v1.9.3");
        var buildKit = PostQuantumHandshakeTimeoutTests.BuildLog(image);
        var buildah = BuildahWording.FromBuildKitPlain(buildKit);
        Assert.Contains("Error: building at STEP \"RUN --mount=type=cache,id=gomod,target=/go/pkg/mod go mod download\"", buildah, StringComparison.Ordinal);
        Assert.DoesNotContain("#8", buildah, StringComparison.Ordinal);

        var expected = Assert.Single(GoOutputClassifier.Default.Classify(buildKit, project.Positions()));
        var actual = Assert.Single(GoOutputClassifier.Default.Classify(buildah, project.Positions()));

        Assert.Equal(code, expected.Code);
        Assert.Equal(expected.Code, actual.Code);
        Assert.Equal(expected.Location, actual.Location);
        Assert.Equal(TestProject.RequireLine, actual.Location?.Line);
    }

    [Fact]
    public void A_refused_token_in_Buildah_output_is_GD7013_at_its_GoBuildSecret_item()
    {
        using var f = new GoProjectFixture().WriteFile("go.mod", "module example.com/app\n\ngo 1.19\n\nrequire git.example.corp/team/lib v1.0.0\n");
        var token = Path.Combine(f.Outside, "token");
        File.WriteAllText(token, "t");
        f.AddSecret(new GoBuildSecret("git-token", token, null, GoBuildSecretKind.Token, "git.example.corp"));
        var (settings, _) = f.Read();
        var buildKit = SecretRefusedClassificationTests.TokenRefused;

        var expected = Assert.Single(new ProjectOutputClassifier().Classify(buildKit, settings));
        var actual = Assert.Single(new ProjectOutputClassifier().Classify(BuildahWording.FromBuildKitPlain(buildKit), settings));

        Assert.Equal("GD7013", actual.Code);
        Assert.Equal(expected.Location, actual.Location);
        Assert.Equal(f.LineOf("GoBuildSecret"), actual.Location?.Line);
    }

    [Fact]
    public void Go_mod_download_json_in_Buildah_output_points_at_the_module_as_in_BuildKit_output()
    {
        using var project = new TestProject("github.com/natefinch/lumberjack");
        var buildKit = DownloadJsonTests.Missing;

        var expected = Assert.Single(GoOutputClassifier.Default.Classify(buildKit, project.Positions()));
        var actual = Assert.Single(GoOutputClassifier.Default.Classify(BuildahWording.FromBuildKitPlain(buildKit), project.Positions()));

        Assert.Equal("GD6024", actual.Code);
        Assert.Equal(expected.Message, actual.Message);
        Assert.Equal(expected.Location, actual.Location);
    }

    [Theory]
    // RootCauseTests' BuildKit samples: a reset wrapped onto an indented line, and inconsistent vendoring.
    [InlineData("#7 3.210 go: github.com/kr/text@v0.2.0: Get \"https://proxy.golang.org/github.com/kr/text/@v/v0.2.0.mod\": read tcp 172.17.0.2:35956->142.251.42.251:443: read: connection reset by\n#7 3.210    peer", "github.com/kr/text", "GD3004")]
    [InlineData("#14 0.990 go: inconsistent vendoring in /src:\n#14 0.990 \tgithub.com/fsnotify/fsnotify@v1.4.9: is explicitly required in go.mod, but not marked as explicit in vendor/modules.txt\n#14 0.990 \n#14 0.990 run 'go mod vendor' to sync, or use -mod=mod or -mod=readonly to ignore the vendor directory", "github.com/fsnotify/fsnotify", "GD2042")]
    public void Go_messages_of_a_failed_Buildah_RUN_step_are_read_as_BuildKit_shows_them(string buildKitLines, string module, string code)
    {
        using var project = new TestProject(module);
        var buildKit = "#6 [deps 4/4] RUN go mod download\n" + buildKitLines + "\n#6 ERROR: process \"/bin/sh -c go mod download\" did not complete successfully: exit code: 1\n";
        var buildah = BuildahWording.FromBuildKitPlain(buildKit);
        Assert.StartsWith("STEP 4/4: RUN go mod download\n", buildah, StringComparison.Ordinal);
        Assert.EndsWith("Error: building at STEP \"RUN go mod download\": while running runtime: exit status 1\n", buildah, StringComparison.Ordinal);

        var expected = Assert.Single(GoOutputClassifier.Default.Classify(buildKit, project.Positions()));
        var actual = Assert.Single(GoOutputClassifier.Default.Classify(buildah, project.Positions()));

        Assert.Equal(code, actual.Code);
        Assert.Equal(expected.Location, actual.Location);
        Assert.Equal(TestProject.RequireLine, actual.Location?.Line);
    }
}
