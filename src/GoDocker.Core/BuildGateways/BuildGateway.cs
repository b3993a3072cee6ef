using System.ComponentModel;
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
    /// <remarks>
    /// Work that takes no gateway URL (verify) does not start the GoModCacheMode=Gateway gateway: only a docker build
    /// step uses it. Verify probes the proxies of the GOPROXY list, which are that gateway's upstreams.
    /// </remarks>
    public static Task<T> AroundAsync<T>(string? gatewayAssembly, Projects.GoProjectSettings settings, IOperationLog log, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(work);
        return settings.Gateway is null ? work() : AroundAsync(gatewayAssembly, settings, log, _ => work(), cancellationToken);
    }

    /// <summary>
    /// As above; with GoModCacheMode=Gateway, <paramref name="work"/> gets the URL of the gateway this build runs over
    /// GoModCacheDir with the project's GOPROXY list as its upstreams (for the deps stage's GOPROXY), else null.
    /// </summary>
    public static async Task<T> AroundAsync<T>(string? gatewayAssembly, Projects.GoProjectSettings settings, IOperationLog log, Func<string?, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(work);
        if (settings.ModCache.Mode == Projects.GoModCacheMode.Gateway && settings.Gateway is null)
        {
            var modeLocation = settings.Positions.Property(Projects.ProjectSettingCatalog.GoModCacheDir.Name) is { Line: > 0 } dirLine ? dirLine
                : settings.Positions.Property(Projects.ProjectSettingCatalog.GoModCacheMode.Name);
            var folder = await ModCacheFolder.OpenAsync(settings.ModCache.Directory, modeLocation, log, ModCacheLockTimeout, cancellationToken).ConfigureAwait(false);
            var modeLaunch = ForProject(new BuildGatewayLaunch(gatewayAssembly ?? "", folder) { Upstream = UpstreamList(settings.Environment.Proxy) }, settings);
            var modeGateway = await StartAsync(modeLaunch, "127.0.0.1:0", modeLocation, log, cancellationToken).ConfigureAwait(false);
            await using (modeGateway.ConfigureAwait(false))
            {
                return await work(modeGateway.Address.ToString().TrimEnd('/')).ConfigureAwait(false);
            }
        }
        if (settings.Gateway is not { } gateway)
        {
            return await work(null).ConfigureAwait(false);
        }
        var location = settings.GoEnvLocation("GOPROXY") ?? settings.Positions.Property(Projects.ProjectSettingCatalog.GoDockerStartProxy.Name);
        var launch = ForProject(new BuildGatewayLaunch(gatewayAssembly ?? "", gateway.CacheDirectory) { Snapshot = gateway.Snapshot, Upstream = gateway.Upstream }, settings);
        var running = await StartAsync(launch, gateway.Listen, location, log, cancellationToken).ConfigureAwait(false);
        await using (running.ConfigureAwait(false))
        {
            return await work(null).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// What every build's gateway takes from the project: its go.sum, when it has one (fetched while the image build
    /// starts, so the deps stage's go command, which asks for every .info and .mod one at a time, finds them cached),
    /// and its GONOPROXY patterns, to refuse.
    /// </summary>
    private static BuildGatewayLaunch ForProject(BuildGatewayLaunch launch, Projects.GoProjectSettings settings)
    {
        var goSum = GoSum.GoSumFile.PathBeside(settings.GoModFile);
        return launch with { PrefetchFrom = File.Exists(goSum) ? goSum : null, Private = settings.Environment.NoProxy.Raw };
    }

    /// <summary>How long a build waits for another to finish checking a shared GoModCacheDir.</summary>
    public static TimeSpan ModCacheLockTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The proxies of a GOPROXY list, with their fall-through separators, as the gateway's --upstream (direct and off have no place there).</summary>
    public static string UpstreamList(GoEnv.GoProxyList list)
    {
        ArgumentNullException.ThrowIfNull(list);
        var sb = new StringBuilder();
        var previous = GoEnv.GoProxyFallback.OnNotFound;
        foreach (var entry in list.Proxies)
        {
            if (sb.Length > 0)
            {
                sb.Append(previous == GoEnv.GoProxyFallback.OnAnyError ? '|' : ',');
            }
            sb.Append(entry.Url);
            previous = entry.Fallback;
        }
        return sb.ToString();
    }

    public static async Task<BuildGateway> StartAsync(BuildGatewayLaunch launch, string listen, SourceLocation? location, IOperationLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(launch);
        ArgumentNullException.ThrowIfNull(log);
        if (!File.Exists(launch.GatewayAssembly))
        {
            throw Failed(location, $"the gateway assembly {launch.GatewayAssembly} does not exist");
        }
        if (BuildGatewayProgram.Native(launch.GatewayAssembly) is { } native)
        {
            try
            {
                return await StartAsync(native, launch, listen, location, log, cancellationToken).ConfigureAwait(false);
            }
            catch (NativeGatewayCannotRunException e)
            {
                log.Detail($"The gateway compiled for {BuildGatewayProgram.NativeFolder} does not run on this machine ({e.Message}); running {launch.GatewayAssembly} on dotnet instead.");
            }
        }
        return await StartAsync(BuildGatewayProgram.Portable(launch.GatewayAssembly), launch, listen, location, log, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<BuildGateway> StartAsync(BuildGatewayProgram program, BuildGatewayLaunch launch, string listen, SourceLocation? location, IOperationLog log, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program.FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in program.LeadingArguments.Concat(Arguments(launch, listen)))
        {
            start.ArgumentList.Add(argument);
        }
        Process process;
        try
        {
            process = Process.Start(start) ?? throw Failed(location, "the process could not be started");
        }
        catch (Win32Exception e)
        {
            throw program.IsNative ? new NativeGatewayCannotRunException(e.Message) : Failed(location, $"{program.FileName} could not be started: {e.Message}");
        }
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
                    string output;
                    lock (errors)
                    {
                        output = errors.ToString();
                    }
                    // A gateway that reports a GD code (a port in use, a bad snapshot) ran; one that did not start at all
                    // may be a native binary this machine cannot run (an older glibc), which the portable one can replace.
                    if (program.IsNative && !GatewayDiagnostic().IsMatch(output))
                    {
                        throw new NativeGatewayCannotRunException(LastLine(output) ?? $"it exited with code {process.ExitCode}");
                    }
                    throw FromOutput(location, output, process.ExitCode);
                }
                if (line.StartsWith("listening ", StringComparison.Ordinal) && Uri.TryCreate(line["listening ".Length..].Trim(), UriKind.Absolute, out var address))
                {
                    // Keep draining stdout so the gateway never blocks on a full pipe.
                    _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);
                    log.Detail($"The build's gateway runs {program.FileName}{(program.IsNative ? $" (compiled ahead of time for {BuildGatewayProgram.NativeFolder})" : $" {program.LeadingArguments[0]}")}");
                    if (PrefetchesFrom(launch) is { } goSum)
                    {
                        log.Detail($"It fetches the module files {goSum} names in the background, before the go command asks for them.");
                    }
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

    // Online only, and not over a snapshot view, which answers from the snapshot alone: nothing fetched would be served.
    private static string? PrefetchesFrom(BuildGatewayLaunch launch) =>
        launch.PrefetchFrom is { Length: > 0 } goSum && launch.Upstream is { Length: > 0 } && launch.Snapshot is not { Length: > 0 } ? goSum : null;

    private static IEnumerable<string> Arguments(BuildGatewayLaunch launch, string listen)
    {
        // Its output is drained unread once it listens: each file stored, logged at Information, would be work for nothing.
        yield return "--log-level";
        yield return "Warning";
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
            if (launch.Private is { Length: > 0 } patterns)
            {
                yield return "--private";
                yield return patterns;
                yield return "--private-mode";
                yield return "Deny";
            }

            if (PrefetchesFrom(launch) is { } goSum)
            {
                yield return "--prefetch-from";
                yield return goSum;
            }
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
        var reason = LastLine(output) ?? $"it exited with code {exitCode}";
        return Failed(location, reason);
    }

    private static string? LastLine(string output) => output.Trim().Split('\n').LastOrDefault(l => l.Trim().Length > 0)?.Trim();

    private static DiagnosticException Failed(SourceLocation? location, string reason) =>
        new(DiagnosticCatalog.GatewayDidNotStart.Create(location, reason.TrimEnd('.')));

    [GeneratedRegex(@"error (?<code>GD\d{4}): (?<message>[^\n]*)")]
    private static partial Regex GatewayDiagnostic();

    /// <summary>The native gateway did not start here; the portable one is tried instead.</summary>
    private sealed class NativeGatewayCannotRunException(string message) : Exception(message);
}
