using GoDocker.Core.Diagnostics;
using GoDocker.Core.GoEnv;
using GoDocker.Core.Verification;

namespace GoDocker.Core.Tests.Verification;

/// <summary>
/// Verify's diagnostics point at what to edit, with the positions that travel with each probe (the setting that
/// names the endpoint, the module's require line), so the MSBuild target can show them on the right line.
/// </summary>
public sealed class ProbeDiagnosticPositionsTests
{
    private static readonly SourceLocation GoProxyLine = new("app.goproj", 4, 5);
    private static readonly SourceLocation RequireLine = new("go.mod", 7, 2);

    [Fact]
    public async Task Missing_version_points_at_the_require_line_and_a_stopping_proxy_at_GoProxy()
    {
        await using var missing = new LocalServer(_ => (404, "not found\n"));
        await using var broken = new LocalServer(_ => (500, "boom\n"));
        var options = new VerificationOptions();
        ProbeTarget Target(Uri url) => new("proxy 1", url, ProbeRole.GoProxy, GoProxyFallback.OnNotFound, null, "example.com/mod", "v1.0.0")
        {
            Setting = GoProxyLine,
            Requirement = RequireLine,
        };

        var notFound = await EndpointVerifier.RunAsync([Target(missing.Url("http"))], options, TestContext.Current.CancellationToken);
        var stopped = await EndpointVerifier.RunAsync([Target(broken.Url("http"))], options, TestContext.Current.CancellationToken);

        Assert.Equal("go.mod(7,2)", notFound.Diagnostics.Single(d => d.Code == "GD6001").Location?.ToString());
        Assert.Equal("app.goproj(4,5)", notFound.Diagnostics.Single(d => d.Code == "GD3011").Location?.ToString());
        Assert.Equal("app.goproj(4,5)", stopped.Diagnostics.Single(d => d.Code == "GD3006").Location?.ToString());
    }

    [Fact]
    public void Each_subject_takes_its_own_position_and_a_placed_diagnostic_keeps_its_own()
    {
        var target = new ProbeTarget("proxy 1", new Uri("https://proxy.example/"), ProbeRole.GoProxy, GoProxyFallback.OnNotFound, null, "example.com/mod", "v1.0.0")
        {
            Setting = GoProxyLine,
            Requirement = RequireLine,
        };
        var options = new VerificationOptions { TrustLocation = new("app.goproj", 9, 5), SecretLocation = new("app.goproj", 10, 5) };

        Diagnostic Unplaced(DiagnosticDescriptor descriptor) => new(descriptor, descriptor.Title, null);
        Assert.Equal(RequireLine, ProbeDiagnosticPositions.Place(Unplaced(DiagnosticCatalog.ModuleVersionNotFound), target, options).Location);
        Assert.Equal(9, ProbeDiagnosticPositions.Place(Unplaced(DiagnosticCatalog.UnknownAuthority), target, options).Location?.Line);
        Assert.Equal(10, ProbeDiagnosticPositions.Place(Unplaced(DiagnosticCatalog.BuildSecretRefused), target, options).Location?.Line);
        Assert.Equal(GoProxyLine, ProbeDiagnosticPositions.Place(Unplaced(DiagnosticCatalog.ConnectionRefused), target, options).Location);
        var placed = new Diagnostic(DiagnosticCatalog.ConnectionRefused, "refused", new SourceLocation("elsewhere", 1, 1));
        Assert.Equal("elsewhere", ProbeDiagnosticPositions.Place(placed, target, options).Location?.File);
    }
}
