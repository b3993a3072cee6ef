using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.BuildGateways;

/// <summary>
/// The module proxy gateway run as a child process for the duration of a build step, listening where the project's
/// first GoProxy entry points. It is a separate process because the gateway needs ASP.NET Core, which MSBuild's
/// process does not load; disposing it stops the process.
/// </summary>
public sealed partial class BuildGateway : IAsyncDisposable
{
    private readonly Process _process;

    private BuildGateway(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>
    /// Runs <paramref name="work"/> with the build's gateway serving, when the project asks for one
    /// (<see cref="Projects.GoProjectSettings.Gateway"/>); <paramref name="gatewayAssembly"/> is the gateway the front end ships.
    /// </summary>
    public static async Task<T> AroundAsync<T>(string? gatewayAssembly, Projects.GoProjectSettings settings, IOperationLog log, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        if (settings.Gateway is not { } gateway)
        {
            return await work().ConfigureAwait(false);
        }
        var location = settings.GoEnvLocation("GOPROXY") ?? settings.Positions.Property(Projects.ProjectSettingCatalog.GoDockerStartProxy.Name);
        var launch = new BuildGatewayLaunch(gatewayAssembly ?? "", gateway.CacheDirectory) { Snapshot = gateway.Snapshot, Upstream = gateway.Upstream };
        var running = await StartAsync(launch, gateway.Listen, location, log, cancellationToken).ConfigureAwait(false);
        await using (running.ConfigureAwait(false))
        {
            return await work().ConfigureAwait(false);
        }
    }

    public static async Task<BuildGateway> StartAsync(BuildGatewayLaunch launch, string listen, SourceLocation? location, IOperationLog log, CancellationToken cancellationToken)
    {
        if (!File.Exists(launch.GatewayAssembly))
        {
            throw Failed(location, $"the gateway assembly {launch.GatewayAssembly} does not exist");
        }
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in Arguments(launch, listen))
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw Failed(location, "the process could not be started");
        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (errors) { errors.AppendLine(e.Data); } } };
        process.BeginErrorReadLine();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(launch.StartTimeout);
            while (true)
            {
                var line = await process.StandardOutput.ReadLineAsync(timeout.Token).ConfigureAwait(false);
                if (line is null)
                {
                    await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                    throw FromOutput(location, errors.ToString(), process.ExitCode);
                }
                if (line.StartsWith("listening ", StringComparison.Ordinal) && Uri.TryCreate(line["listening ".Length..].Trim(), UriKind.Absolute, out var address))
                {
                    // Keep draining stdout so the gateway never blocks on a full pipe.
                    _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);
                    log.Progress($"Module proxy gateway for this build serves {launch.CacheDirectory}{(launch.Snapshot is null ? "" : $" (snapshot {launch.Snapshot})")} at {address}");
                    return new BuildGateway(process, address);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Stop(process);
            throw Failed(location, $"it did not start within {launch.StartTimeout.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s");
        }
        catch
        {
            Stop(process);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Stop(_process);
        await _process.WaitForExitAsync().ConfigureAwait(false);
        _process.Dispose();
    }

    private static IEnumerable<string> Arguments(BuildGatewayLaunch launch, string listen)
    {
        yield return launch.GatewayAssembly;
        yield return "--cache";
        yield return launch.CacheDirectory;
        yield return "--listen";
        yield return listen;
        if (launch.Snapshot is { Length: > 0 } snapshot)
        {
            yield return "--snapshot";
            yield return snapshot;
        }
        if (launch.Upstream is { Length: > 0 } upstream)
        {
            yield return "--upstream";
            yield return upstream;
        }
        else
        {
            yield return "--offline";
        }
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>The gateway prints its own diagnostic (for example GD3055, port in use) before exiting; keep its code.</summary>
    private static DiagnosticException FromOutput(SourceLocation? location, string output, int exitCode)
    {
        var match = GatewayDiagnostic().Match(output);
        if (match.Success && DiagnosticCatalog.Find(match.Groups["code"].Value) is { } descriptor)
        {
            return new DiagnosticException(new Diagnostic(descriptor, match.Groups["message"].Value.Trim(), location));
        }
        var reason = output.Trim().Split('\n').LastOrDefault(l => l.Trim().Length > 0)?.Trim() ?? $"it exited with code {exitCode}";
        return Failed(location, reason);
    }

    private static DiagnosticException Failed(SourceLocation? location, string reason) =>
        new(DiagnosticCatalog.GatewayDidNotStart.Create(location, reason.TrimEnd('.')));

    /// <summary>The dotnet host running this process (MSBuild's or the tool's), so the gateway runs on the same .NET.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host
        : Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self
        : "dotnet";

    [GeneratedRegex(@"error (?<code>GD\d{4}): (?<message>[^\n]*)")]
    private static partial Regex GatewayDiagnostic();
}
