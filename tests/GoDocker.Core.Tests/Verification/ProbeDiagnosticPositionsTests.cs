using GoDocker.Core.GoEnv;
using GoDocker.Core.Verification;

namespace GoDocker.Core.Tests.Verification;

/// <summary>Verify's diagnostics point at what to edit, so the MSBuild target can show them on the right line.</summary>
public sealed class ProbeDiagnosticPositionsTests
{
    private sealed class ProjectPositions : GoDocker.Core.Classification.IDiagnosticPositions
    {
        public GoDocker.Core.Diagnostics.SourceLocation? Require(string modulePath) => new("go.mod", 7, 2);
        public GoDocker.Core.Diagnostics.SourceLocation? Sum(string modulePath, string version, bool goMod) => null;
        public GoDocker.Core.Diagnostics.SourceLocation? Property(string name) => name switch
        {
            "GoProxy" => new("app.goproj", 4, 5),
            "GoSumDb" => new("app.goproj", 5, 5),
            _ => null,
        };
        public GoDocker.Core.Diagnostics.SourceLocation? Directive(string keyword) => null;
        public GoDocker.Core.Diagnostics.SourceLocation? GoModLine(int line) => null;
    }

    [Fact]
    public async Task Missing_version_points_at_the_require_line_and_a_stopping_proxy_at_GoProxy()
    {
        await using var missing = new LocalServer(_ => (404, "not found\n"));
        await using var broken = new LocalServer(_ => (500, "boom\n"));
        var options = new VerificationOptions();
        var positions = new ProjectPositions();

        var notFound = await EndpointVerifier.RunAsync(
            [new ProbeTarget("proxy 1", missing.Url("http"), ProbeRole.GoProxy, GoProxyFallback.OnNotFound, null, "example.com/mod", "v1.0.0")],
            options, TestContext.Current.CancellationToken, positions);
        var stopped = await EndpointVerifier.RunAsync(
            [new ProbeTarget("proxy 1", broken.Url("http"), ProbeRole.GoProxy, GoProxyFallback.OnNotFound, null, "example.com/mod", "v1.0.0")],
            options, TestContext.Current.CancellationToken, positions);

        Assert.Equal("go.mod(7,2)", notFound.Diagnostics.Single(d => d.Code == "GD6001").Location?.ToString());
        Assert.Equal("app.goproj(4,5)", notFound.Diagnostics.Single(d => d.Code == "GD3011").Location?.ToString());
        Assert.Equal("app.goproj(4,5)", stopped.Diagnostics.Single(d => d.Code == "GD3006").Location?.ToString());
    }
}
