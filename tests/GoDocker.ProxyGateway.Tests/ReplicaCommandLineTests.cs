using System.CommandLine;
using System.Diagnostics;
using GoDocker.Core.Diagnostics;
using GoDocker.ProxyGateway.CommandLine;
using GoDocker.ProxyGateway.Tests.Infrastructure;

namespace GoDocker.ProxyGateway.Tests;

/// <summary>--coordination, --replica-id and --fetch-lease as `godocker proxy` and the gateway executable take them.</summary>
public sealed class ReplicaCommandLineTests
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "GoDocker.ProxyGateway.dll");

    private static GoDocker.ProxyGateway.Hosting.GatewayOptions Options(params string[] args) => ServeCommandLine.Parse(args);

    [Fact]
    public void Coordination_options_are_read_with_their_defaults()
    {
        var alone = Options();
        var replica = Options("--coordination", "redis://10.1.2.3:6390/4", "--replica-id", "gw-a", "--fetch-lease", "12");

        Assert.Null(alone.Coordination);
        Assert.EndsWith("-" + Environment.ProcessId, alone.ReplicaId, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(30), alone.FetchLease);
        Assert.Equal(new GoDocker.ProxyGateway.Coordination.CoordinationAddress("10.1.2.3", 6390, 4), replica.Coordination);
        Assert.Equal("gw-a", replica.ReplicaId);
        Assert.Equal(TimeSpan.FromSeconds(12), replica.FetchLease);
        Assert.Equal(6379, Options("--coordination", "redis://localhost").Coordination!.Port);
    }

    [Theory]
    [InlineData("--coordination", "http://127.0.0.1:6379")]
    [InlineData("--coordination", "redis://127.0.0.1:6379/x")]
    [InlineData("--coordination", "redis://user:secret@127.0.0.1:6379")]
    [InlineData("--replica-id", "has space")]
    [InlineData("--fetch-lease", "0")]
    public void Bad_coordination_values_are_GD1014_naming_the_option(string option, string value)
    {
        var error = Assert.Throws<DiagnosticException>(() => Options(option, value));

        Assert.Equal("GD1014", error.Diagnostic.Code);
        Assert.Contains(option, error.Diagnostic.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_executable_exits_1_with_GD3080_when_Redis_is_unreachable_at_start()
    {
        using var temp = new TempFolder();
        var port = RedisServer.FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Dll, "--cache", temp.Sub("cache"), "--listen", "127.0.0.1:0", "--upstream", "http://127.0.0.1:9", "--coordination", $"redis://127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, process.ExitCode);
        Assert.Contains($"error GD3080: The module proxy gateway cannot reach its coordination store redis://127.0.0.1:{port}/0", await stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("listening", await stdout, StringComparison.Ordinal);
    }
}
