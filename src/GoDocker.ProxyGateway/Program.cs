using System.Runtime.InteropServices;
using GoDocker.Core.Diagnostics;
using GoDocker.ProxyGateway.Hosting;
using GoDocker.ProxyGateway.Upstreams;

// A bare host for the gateway (tests run it as a child process; `godocker proxy` is the user-facing command).
// Usage: GoDocker.ProxyGateway --cache DIR [--listen HOST:PORT] [--upstream GOPROXY-LIST] [--offline] [--max-bytes N] [--view NAME]
try
{
    string? cacheDir = null, listen = "127.0.0.1:0", view = null;
    long? maxBytes = null;
    var offline = false;
    var upstreams = new List<UpstreamEndpoint>();
    for (var i = 0; i < args.Length; i++)
    {
        string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
        switch (args[i])
        {
            case "--cache": cacheDir = Next(); break;
            case "--listen": listen = Next(); break;
            case "--upstream": upstreams.AddRange(UpstreamList.Parse(Next())); break;
            case "--offline": offline = true; break;
            case "--max-bytes": maxBytes = long.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture); break;
            case "--view": view = Next(); break;
            default: throw new ArgumentException($"unknown option {args[i]}");
        }
    }

    if (cacheDir is null)
    {
        throw new ArgumentException("--cache is required");
    }

    using var loggerFactory = GatewayLogging.CreateConsole(json: false);
    await using var gateway = await ProxyGatewayHost.StartAsync(new GatewayOptions
    {
        CacheDirectory = cacheDir,
        Listen = listen,
        Upstreams = upstreams,
        Offline = offline,
        MaxCacheBytes = maxBytes,
        SnapshotView = view,
        LoggerFactory = loggerFactory,
    });

    // One machine-readable line so a parent process can find the port.
    Console.Out.WriteLine($"listening {gateway.Address}");
    Console.Out.Flush();

    // SIGTERM and Ctrl+C stop gracefully: in-flight responses finish before exit.
    using var stop = new CancellationTokenSource();
    using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
    using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
    try
    {
        await Task.Delay(Timeout.Infinite, stop.Token);
    }
    catch (OperationCanceledException)
    {
    }

    return 0;
}
catch (DiagnosticException e)
{
    Console.Error.WriteLine(e.Diagnostic.ToString());
    return 1;
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
