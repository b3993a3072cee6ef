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
}
