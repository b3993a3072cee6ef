using System.Net;
using System.Net.Sockets;
using GoDocker.Core.Diagnostics;
using GoDocker.ProxyGateway.Cache;
using GoDocker.ProxyGateway.Coordination;
using GoDocker.ProxyGateway.Snapshots;
using GoDocker.ProxyGateway.Upstreams;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GoDocker.ProxyGateway.Hosting;

/// <summary>Starts gateways (Kestrel from the shared framework) and opens caches for offline operations.</summary>
public static class ProxyGatewayHost
{
    /// <summary>Starts serving; returns once the port is bound and /healthz answers.</summary>
    public static async Task<RunningGateway> StartAsync(GatewayOptions options, CancellationToken cancellationToken = default)
    {
        var endpoint = ParseListen(options.Listen);
        if (options.RevalidateEvery is { } every)
        {
            if (every <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(options), every, "RevalidateEvery must be a positive interval.");
            }

            if (options.Offline || options.Upstreams.Count == 0)
            {
                throw new ArgumentException("RevalidateEvery needs upstreams to compare with; an offline gateway cannot revalidate.", nameof(options));
            }
        }

        var prefetch = options.PrefetchFrom is { } prefetchFrom && !options.Offline ? ReadPrefetchList(prefetchFrom) : null;
        var loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        IFetchCoordination? coordination = null;
        if (options.Coordination is { } coordinationAddress)
        {
            var upstreams = string.Join(" ", options.Upstreams.Select(u => u.Display + (u.FallBackOnAnyError ? "|" : ",")));
            coordination = await RedisCoordination.ConnectAsync(coordinationAddress, options.ReplicaId, options.FetchLease, options.Offline ? "offline" : upstreams,
                loggerFactory.CreateLogger("GoDocker.ProxyGateway.Coordination"), cancellationToken);
        }

        var components = new GatewayComponents(options, sweepTemp: true, coordination);
        var logger = components.Logger;
        var cache = components.Cache;
        var admission = new RequestAdmission(options.MaxConcurrentRequests);
        var handler = new GatewayRequestHandler(components.Files, components.ChecksumDatabases, () => cache.ContentBytes, admission, components.Metrics, logger);
        var keepAlive = TimeSpan.FromSeconds(60);
        var lane = options.SendfileHits ? new SendfileHitLane(components.Files, admission, components.Metrics, keepAlive) : null;

        // No appsettings to reload, and not the cache as content root: the reload watcher put an inotify watch on every
        // cache folder and woke on every file a miss writes (a thread of lstat calls per temp file, pin and blob).
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = options.ShutdownTimeout);
        if (options.RevalidateEvery is { } interval)
        {
            builder.Services.AddHostedService(_ => new PeriodicRevalidation(components.Revalidator, interval, logger));
        }

        // A request's continuations run on the thread that received its bytes instead of hopping to the pool again: one
        // context switch less per request (cache hits 0.82 -> 0.94 of nginx, same run). Socket completions still reach
        // that thread through the pool (DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS is not set), so a miss's fsync
        // never blocks the socket engine's own thread.
        builder.WebHost.UseSockets(o => o.UnsafePreferInlineScheduling = true);

        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestLineSize = 8192;
            k.Limits.MaxConcurrentConnections = options.MaxConnections;
            k.Limits.MaxRequestHeadersTotalSize = 16384;
            k.Limits.KeepAliveTimeout = keepAlive;
            k.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(15);
            k.Listen(endpoint, listen =>
            {
                if (lane is not null)
                {
                    listen.Use(next => connection => lane.RunAsync(connection, next));
                }
            });
        });
        var app = builder.Build();
        app.Run(handler.HandleAsync);

        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException e)
        {
            await app.DisposeAsync();
            components.Dispose();
            await components.Coordination.DisposeAsync();
            throw new DiagnosticException(DiagnosticCatalog.GatewayCannotListen.Create(options.Listen, e.Message), e);
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var address = new Uri(bound.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        logger.LogInformation("Module proxy gateway serving {Address} from {Cache} ({Upstreams} upstreams, offline {Offline}; replica {Replica}, coordination {Coordination})",
            address, cache.Layout.Root, options.Upstreams.Count, options.Offline, components.Coordination.ReplicaId, options.Coordination?.Display ?? "local");
        var prefetched = prefetch is null ? Task.CompletedTask : Task.Run(() => PrefetchAsync(components, prefetch, options.PrefetchFrom!));
        return new RunningGateway(app, address, components, prefetched);
    }

    private static IReadOnlyList<Protocol.ModuleRequest> ReadPrefetchList(string path)
    {
        try
        {
            return ModuleWarmer.ReadList(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DiagnosticException(DiagnosticCatalog.InvalidCommandLineValue.Create("--prefetch-from", path, $"it cannot be read ({e.Message}); name the project's go.sum or go.mod"), e);
        }
    }

    /// <summary>The start-up prefetch: nobody waits for it, and what fails is the go command's to see when it asks.</summary>
    private static async Task PrefetchAsync(GatewayComponents components, IReadOnlyList<Protocol.ModuleRequest> list, string from)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            var result = await components.Warmer.WarmAsync(list, components.Stopping);
            components.Logger.LogInformation("Prefetched the {Count} module files {File} names in {Elapsed} ms: {Fetched} fetched, {Cached} already cached, {Failed} not available",
                list.Count, from, (long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, result.Fetched, result.AlreadyCached, result.Failures.Count);
            foreach (var failure in result.Failures)
            {
                components.Logger.LogDebug("Prefetch: {Failure}", failure);
            }
        }
        catch (OperationCanceledException)
        {
            // The gateway stopped first.
        }
        catch (Exception e)
        {
            // Only an optimization: the gateway serves on, and fetches what is asked for.
            components.Logger.LogWarning(e, "The prefetch of the module files {File} names stopped", from);
        }
    }

    /// <summary>Fetches every module file a go.sum or go.mod names into the cache, without serving.</summary>
    public static async Task<WarmResult> WarmAsync(GatewayOptions options, string fromFile, CancellationToken cancellationToken = default)
    {
        using var components = new GatewayComponents(options);
        return await components.Warmer.WarmFromFileAsync(fromFile, cancellationToken);
    }

    /// <summary>
    /// Re-checks every pinned file of a cache against its upstreams once, without serving (<c>godocker proxy revalidate</c>).
    /// Safe next to a gateway serving the same cache: nothing is written, and its downloads in tmp/ are left alone.
    /// </summary>
    public static async Task<RevalidationReport> RevalidateAsync(GatewayOptions options, CancellationToken cancellationToken = default)
    {
        if (options.Offline || options.Upstreams.Count == 0)
        {
            throw new ArgumentException("Revalidation needs upstreams to compare with.", nameof(options));
        }

        using var components = new GatewayComponents(options, sweepTemp: false);
        return await components.Revalidator.RevalidateAsync(cancellationToken);
    }

    /// <summary>Opens a cache folder without serving (snapshot commands, warm). Also cleans up after a crash.</summary>
    public static OpenedCache OpenCache(GatewayOptions options, ILoggerFactory? loggerFactory = null) =>
        OpenCache(options, loggerFactory, sweepTemp: true);

    /// <param name="sweepTemp">False when another process may be serving the cache: its downloads in tmp/ are not leftovers.</param>
    internal static OpenedCache OpenCache(GatewayOptions options, ILoggerFactory? loggerFactory, bool sweepTemp)
    {
        loggerFactory ??= options.LoggerFactory ?? NullLoggerFactory.Instance;
        var layout = new CacheLayout(options.CacheDirectory);
        var blobs = new BlobStore(layout);
        var lists = new ListStore(layout);
        SnapshotStore? snapshots = null;
        var cache = new DiskModuleCache(layout, blobs, options.MaxCacheBytes, () => snapshots!.HeldHashes(), loggerFactory.CreateLogger("GoDocker.ProxyGateway.Cache"), sweepTemp,
            sharedTemp: options.Coordination is not null);
        snapshots = new SnapshotStore(layout, cache, blobs, lists, options.Hasher);
        if (options.SnapshotView is { } view)
        {
            snapshots.Get(view);
        }

        return new OpenedCache(cache, blobs, lists, snapshots);
    }

    /// <summary>Parses host:port ([v6]:port, localhost:port, *:port or a bare port, which means 127.0.0.1).</summary>
    public static IPEndPoint ParseListen(string listen)
    {
        static DiagnosticException Invalid(string value, string why) =>
            new(DiagnosticCatalog.InvalidPropertyValue.Create("--listen", value, why + "; use host:port such as 127.0.0.1:8080"));

        if (int.TryParse(listen, out var bare))
        {
            return bare is >= 0 and <= 65535 ? new IPEndPoint(IPAddress.Loopback, bare) : throw Invalid(listen, "port out of range");
        }

        var colon = listen.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(listen[(colon + 1)..], out var port) || port is < 0 or > 65535)
        {
            throw Invalid(listen, "no valid port");
        }

        var host = listen[..colon].Trim('[', ']');
        IPAddress address;
        if (host is "localhost")
        {
            address = IPAddress.Loopback;
        }
        else if (host is "*" or "0.0.0.0")
        {
            address = IPAddress.Any;
        }
        else if (!IPAddress.TryParse(host, out address!))
        {
            throw Invalid(listen, $"'{host}' is not an IP address");
        }

        return address.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6 ? new IPEndPoint(address, port) : throw Invalid(listen, "unsupported address");
    }
}
