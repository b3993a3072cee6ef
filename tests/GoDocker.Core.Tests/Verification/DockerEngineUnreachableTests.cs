using GoDocker.Core.Diagnostics;
using GoDocker.Core.Docker;
using GoDocker.Core.Verification;

namespace GoDocker.Core.Tests.Verification;

/// <summary>
/// A Docker engine that does not answer: the engine check and the container preflight both report GD5001 naming the
/// endpoint and the innermost error (the socket's), not the HTTP client's "an error occurred while sending the request".
/// </summary>
public sealed class DockerEngineUnreachableTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("godocker-nosocket-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private DockerEndpoint MissingSocket => new(new Uri("unix://" + Path.Combine(directory, "docker.sock")));

    [Fact]
    public async Task Engine_check_names_the_endpoint_and_the_socket_error()
    {
        var endpoint = MissingSocket;

        var e = await Assert.ThrowsAsync<DiagnosticException>(() =>
            new DockerEngineProbe(endpoint).CheckAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));

        Assert.Equal("GD5001", e.Diagnostic.Code);
        AssertNamesTheSocketError(e.Diagnostic, endpoint);
    }

    [Fact]
    public async Task Container_preflight_reports_it_the_same_way()
    {
        var endpoint = MissingSocket;
        var request = new ContainerPreflightRequest("godocker-test/golang:1.19", new Dictionary<string, string>(), "example.com/hello", "v1.0.0");

        var result = await new ContainerPreflight(endpoint).RunAsync(request, TestContext.Current.CancellationToken);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("GD5001", diagnostic.Code);
        AssertNamesTheSocketError(diagnostic, endpoint);
    }

    private static void AssertNamesTheSocketError(Diagnostic diagnostic, DockerEndpoint endpoint)
    {
        Assert.StartsWith($"Cannot reach the Docker engine at {endpoint}: ", diagnostic.Message);
        Assert.DoesNotContain(": .", diagnostic.Message); // a reason is given
    }

    [Fact]
    public void The_reason_is_the_innermost_error()
    {
        var endpoint = new DockerEndpoint(new Uri("tcp://127.0.0.1:2375"));
        var wrapped = new HttpRequestException("An error occurred while sending the request.",
            new IOException("Unable to read data from the transport connection.", new IOException("Connection refused")));

        var diagnostic = new DockerEngineProbe(endpoint).Explain(wrapped, tls: null);

        Assert.Equal("GD5001", diagnostic.Code);
        Assert.StartsWith("Cannot reach the Docker engine at tcp://127.0.0.1:2375: Connection refused. ", diagnostic.Message);
    }
}
