using GoDocker.Core.Dockerfiles;
using GoDocker.Core.Projects;
using GoDocker.Core.Tests.Projects;

namespace GoDocker.Core.Tests.Dockerfiles;

public class TestStageTests
{
    [Fact]
    public void The_test_run_exports_the_test_results_stage_on_the_build_platform_with_the_secrets_the_earlier_stages_need()
    {
        using var f = new GoProjectFixture()
            .Set("GoDockerNetwork", "host")
            .Set("GoPlatforms", "linux/amd64,linux/arm64")
            .AddSecret(new GoBuildSecret("tok", null, "GIT_TOKEN", GoBuildSecretKind.Token, "git.example.corp"));
        var (settings, _) = f.Read();

        var command = DockerBuildCommand.For(settings, "/w/obj/Dockerfile").ForTestResults("/w/obj/godocker/test, results").WithProgress("plain");

        Assert.Equal(
            ["build", "--file", "/w/obj/Dockerfile", "--target", "test-results", "--network", "host",
             "--secret", "id=tok,env=GIT_TOKEN", "--progress", "plain", "--output", "type=local,\"dest=/w/obj/godocker/test, results\"", settings.DockerContext],
            command.Arguments);
    }

    [Fact]
    public void Test_code_never_runs_with_a_build_secret_mounted()
    {
        using var f = new GoProjectFixture()
            .AddSecret(new GoBuildSecret("tok", null, "GIT_TOKEN", GoBuildSecretKind.Token, "git.example.corp"));
        var (dockerfile, _, _) = f.Generate();

        var test = dockerfile[dockerfile.IndexOf("FROM build AS test\n", StringComparison.Ordinal)..dockerfile.IndexOf("FROM scratch AS test-results", StringComparison.Ordinal)];
        Assert.Contains("go test -json ./...", test);
        Assert.DoesNotContain("--mount=type=secret", test);
        Assert.DoesNotContain("GIT_CONFIG", test);
        Assert.Contains("--mount=type=secret,id=tok", dockerfile); // the download and build stages still have it
    }
}
