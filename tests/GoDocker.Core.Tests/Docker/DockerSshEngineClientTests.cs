using GoDocker.Core.Diagnostics;
using GoDocker.Core.Docker;

namespace GoDocker.Core.Tests.Docker;

/// <summary>
/// An ssh:// engine is asked the way the docker CLI reaches it (ssh … docker system dial-stdio, never prompting); when
/// ssh fails, GD5012 gives ssh's own reason and the command to try.
/// </summary>
public sealed class DockerSshEngineClientTests
{
    [Fact]
    public void The_ssh_command_is_the_docker_CLI_s_with_BatchMode()
    {
        var endpoint = DockerEndpoint.FromEnvironment(name => name == "DOCKER_HOST" ? "ssh://builder@build-host:2222" : null);

        var args = new DockerSshEngineClient(endpoint).Arguments(TimeSpan.FromSeconds(7));

        Assert.Equal(["-o", "BatchMode=yes", "-o", "ConnectTimeout=7", "-T", "-l", "builder", "-p", "2222", "--", "build-host", "docker", "system", "dial-stdio"], args);
    }

    [Fact]
    public async Task A_refused_ssh_connection_is_GD5012_with_ssh_s_reason_within_the_timeout()
    {
        if (!File.Exists("/usr/bin/ssh"))
        {
            if (Environment.GetEnvironmentVariable("GODOCKER_REQUIRE_DOCKER") == "1")
            {
                Assert.Fail("GODOCKER_REQUIRE_DOCKER=1 but the ssh client is missing (apt-get install openssh-client)");
            }
            Assert.Skip("the ssh client is missing (apt-get install openssh-client)");
        }
        var endpoint = DockerEndpoint.FromEnvironment(name => name == "DOCKER_HOST" ? "ssh://root@127.0.0.1:1" : null);
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();

        var e = await Assert.ThrowsAsync<DiagnosticException>(() =>
            new DockerEngineProbe(endpoint).CheckAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), stopwatch.Elapsed.ToString());
        Assert.Equal("GD5012", e.Diagnostic.Code);
        Assert.StartsWith("Cannot reach the Docker engine at ssh://root@127.0.0.1:1 (DOCKER_HOST) over ssh: ", e.Diagnostic.Message);
        Assert.Contains("Connection refused", e.Diagnostic.Message);
        Assert.Contains("'ssh root@127.0.0.1 -p 1 docker system dial-stdio'", e.Diagnostic.Message);
    }

    [Fact]
    public async Task verify_in_container_with_an_unreachable_ssh_engine_is_GD5012_from_ssh_without_a_container()
    {
        var endpoint = DockerEndpoint.FromEnvironment(name => name == "DOCKER_HOST" ? "ssh://builder@127.0.0.1:1" : null);
        var request = new GoDocker.Core.Verification.ContainerPreflightRequest("godocker-test/golang:1.19", new Dictionary<string, string>(), "example.com/hello", "v1.0.0");

        var result = await new GoDocker.Core.Verification.ContainerPreflight(endpoint).RunAsync(request, TestContext.Current.CancellationToken);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("GD5012", diagnostic.Code);
        Assert.StartsWith("Cannot reach the Docker engine at ssh://builder@127.0.0.1:1 (DOCKER_HOST) over ssh: ", diagnostic.Message);
        Assert.Contains("Connection refused", diagnostic.Message);
    }
}
