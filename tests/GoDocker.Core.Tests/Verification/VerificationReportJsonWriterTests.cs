using System.Text.Json;
using GoDocker.Core.GoEnv;
using GoDocker.Core.Verification;

namespace GoDocker.Core.Tests.Verification;

public sealed class VerificationReportJsonWriterTests
{
    [Fact]
    public async Task Json_holds_the_diagnostics_the_verdict_and_every_phase_with_its_timing()
    {
        await using var stopping = new LocalServer(_ => (500, "boom\n"));
        await using var never = new LocalServer(_ => (200, "v1.0.0\n"));
        var targets = new[]
        {
            new ProbeTarget("proxy 1", stopping.Url("http"), ProbeRole.GoProxy, GoProxyFallback.OnNotFound, new Uri("http://user:secret@127.0.0.1:1/"), "example.com/mod", "v1.0.0"),
            new ProbeTarget("proxy 2", never.Url("http"), ProbeRole.GoProxy, GoProxyFallback.OnNotFound, null, "example.com/mod", "v1.0.0"),
        };
        var report = await EndpointVerifier.RunAsync(targets, new VerificationOptions { PhaseTimeout = TimeSpan.FromSeconds(2) }, TestContext.Current.CancellationToken);

        var json = VerificationReportJsonWriter.ToJson(report);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;

        Assert.DoesNotContain("secret", json);
        Assert.True(root.GetProperty("hasErrors").GetBoolean());
        Assert.False(root.GetProperty("verdict").GetProperty("canDownload").GetBoolean());
        Assert.Equal(report.Verdict.Summary, root.GetProperty("verdict").GetProperty("summary").GetString());
        var codes = root.GetProperty("diagnostics").EnumerateArray().Select(d => d.GetProperty("code").GetString()).ToArray();
        Assert.Equal(report.Diagnostics.Select(d => d.Code), codes);
        var first = root.GetProperty("endpoints")[0];
        Assert.Equal("proxy 1", first.GetProperty("label").GetString());
        Assert.Equal("unreachable", first.GetProperty("status").GetString());
        var phases = first.GetProperty("phases").EnumerateArray().ToArray();
        Assert.Equal(["dns", "tcp"], phases.Select(p => p.GetProperty("phase").GetString()));
        Assert.Equal("failed", phases[1].GetProperty("outcome").GetString());
        Assert.Equal("GD3002", phases[1].GetProperty("codes")[0].GetString());
        Assert.True(phases[1].GetProperty("durationMs").GetDouble() >= 0);
        Assert.Equal("ok", root.GetProperty("endpoints")[1].GetProperty("status").GetString());
    }
}
