using GoDocker.Core.Diagnostics;
using GoDocker.Core.Docker;
using GoDocker.Core.BuildGateways;

namespace GoDocker.Core.Tests.Docker;

/// <summary>What a build reports when its own tools cannot start: no BuildKit-capable docker CLI, no build gateway.</summary>
public sealed class BuildToolStartupTests
{
    [Fact]
    public async Task No_docker_CLI_that_runs_is_GD5002_naming_what_was_tried()
    {
        var missing = Path.Combine(Path.GetTempPath(), "godocker-no-such-docker-" + Guid.NewGuid().ToString("N"));
        var locator = new DockerCliLocator(name => name == "GODOCKER_DOCKER_CLI" ? missing : null);

        var e = await Assert.ThrowsAsync<DiagnosticException>(() => locator.LocateAsync(TestContext.Current.CancellationToken));

        Assert.Equal("GD5002", e.Diagnostic.Code);
        Assert.Contains(missing, e.Diagnostic.Message);
    }

    [Fact]
    public async Task A_build_gateway_whose_assembly_is_missing_is_GD3056_at_the_GoProxy_line()
    {
        var location = new SourceLocation("/src/app.goproj", 4, 5);
        var launch = new BuildGatewayLaunch("/nonexistent/GoDocker.ProxyGateway.dll", Path.GetTempPath());

        var e = await Assert.ThrowsAsync<DiagnosticException>(() =>
            BuildGateway.StartAsync(launch, "127.0.0.1:1", location, new NullLog(), TestContext.Current.CancellationToken));

        Assert.Equal("GD3056", e.Diagnostic.Code);
        Assert.Equal(location, e.Diagnostic.Location);
        Assert.Contains("/nonexistent/GoDocker.ProxyGateway.dll", e.Diagnostic.Message);
    }

    private sealed class NullLog : IOperationLog
    {
        public void Progress(string text) { }
        public void Detail(string text) { }
        public void Report(Diagnostic diagnostic) { }
    }
}
