using System.CommandLine;
using GoDocker.Core.Diagnostics;
using GoDocker.ProxyGateway.Coordination;
using GoDocker.ProxyGateway.Hosting;
using Microsoft.Extensions.Logging;

namespace GoDocker.ProxyGateway.CommandLine;

/// <summary>
/// The options of a serving gateway, defined once: `godocker proxy` and the gateway executable that
/// GoDockerStartProxy runs (<c>dotnet GoDocker.ProxyGateway.dll</c>) both take exactly these, with these defaults.
/// </summary>
public sealed class GatewayServeOptions
{
    public const string DefaultListen = "127.0.0.1:8080";

    public Option<string> Listen { get; } = new("--listen") { Description = "host:port to serve on (port 0 picks a free one).", DefaultValueFactory = _ => DefaultListen };
    public Option<string> Cache { get; } = CacheOption();
    public GatewayUpstreamOptions Upstreams { get; } = new();
    public Option<bool> Offline { get; } = new("--offline") { Description = "Serve only from the cache; misses answer 404. Implied when no --upstream is given." };
    public Option<string?> Snapshot { get; } = new("--snapshot") { Description = "Serve this snapshot as the default view (read-only)." };
    public Option<long?> MaxSizeMb { get; } = new("--max-size-mb") { Description = "Bound on cached content in MiB; least recently used content not held by a snapshot is evicted. Unbounded by default." };
    public Option<double> ListTtl { get; } = new("--list-ttl") { Description = "Seconds before list and @latest answers are asked again (stale copies are served when upstreams fail).", DefaultValueFactory = _ => 300 };
    public Option<string[]> Sumdb { get; } = new("--sumdb") { Description = "A checksum database to pass through at /sumdb/<name>/, as name=url (repeatable).", AllowMultipleArgumentsPerToken = false };
    public Option<TimeSpan?> RevalidateEvery { get; } = RevalidateEveryOption();
    public Option<int> MaxRequests { get; } = new("--max-requests") { Description = "Module requests served at once; more are shed with 503 and Retry-After.", DefaultValueFactory = _ => 512 };
    public Option<int> MaxConnections { get; } = new("--max-connections") { Description = "Open client connections accepted; more are closed at once.", DefaultValueFactory = _ => 2048 };
    public Option<string?> Coordination { get; } = CoordinationOption();
    public Option<string?> ReplicaId { get; } = new("--replica-id") { Description = "Names this replica in logs, leases and /metrics. Default: host name and process id." };
    public Option<double> FetchLease { get; } = new("--fetch-lease") { Description = "Seconds a fetch lease lasts without renewal (with --coordination): after a replica dies mid-fetch, another takes over after this.", DefaultValueFactory = _ => 30 };
    public Option<bool> LogJson { get; } = new("--log-json") { Description = "Write logs as JSON lines." };
    public Option<LogLevel> LogLevel { get; } = new("--log-level")
    {
        Description = "The least severe events logged: Trace, Debug, Information (each file stored, the default), Warning, Error, Critical or None.",
        DefaultValueFactory = _ => Microsoft.Extensions.Logging.LogLevel.Information,
    };
    public Option<string?> PrefetchFrom { get; } = new("--prefetch-from") { Description = "A go.sum or go.mod: once listening, fetch every module file it names in the background (each .info and .mod, then the zips), so the go command finds them cached." };
    public Option<bool> NoPrefetch { get; } = new("--no-prefetch") { Description = "Fetch only the files asked for. By default, fetching a version's .info also fetches its .mod and .zip, which the go command asks for next." };

    /// <summary>The cache folder option every gateway command takes.</summary>
    public static Option<string> CacheOption() => new("--cache") { Description = "The gateway's cache folder.", Required = true };

    /// <summary>The Redis of replicas sharing one cache folder (serving, and `snapshot use` to announce a switch).</summary>
    public static Option<string?> CoordinationOption() => new("--coordination")
    {
        Description = "redis://host:port[/db]: replicas sharing this cache folder coordinate through this Redis (one upstream fetch per file across them). Off by default.",
    };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Listen, Cache, Offline, Snapshot, MaxSizeMb, ListTtl, Sumdb, RevalidateEvery, MaxRequests, MaxConnections, Coordination, ReplicaId, FetchLease, LogJson, LogLevel, PrefetchFrom, NoPrefetch })
        {
            command.Options.Add(option);
        }

        Upstreams.AddTo(command);
    }

    /// <summary>The gateway the command line describes (without a logger: <see cref="ServeAsync"/> adds the console one).</summary>
    public GatewayOptions ToGatewayOptions(ParseResult parse)
    {
        var options = Upstreams.ApplyTo(new GatewayOptions { CacheDirectory = parse.GetValue(Cache)! }, parse);
        return options with
        {
            Listen = parse.GetValue(Listen)!,
            PrefetchVersions = !parse.GetValue(NoPrefetch),
            PrefetchFrom = parse.GetValue(PrefetchFrom),
            Offline = parse.GetValue(Offline) || options.Upstreams.Count == 0,
            SnapshotView = parse.GetValue(Snapshot),
            MaxCacheBytes = parse.GetValue(MaxSizeMb) * 1024 * 1024,
            ListTtl = TimeSpan.FromSeconds(parse.GetValue(ListTtl)),
            ChecksumDatabases = ParseSumdbs(parse.GetValue(Sumdb) ?? []),
            RevalidateEvery = parse.GetValue(RevalidateEvery),
            MaxConcurrentRequests = Math.Max(1, parse.GetValue(MaxRequests)),
            MaxConnections = Math.Max(1, parse.GetValue(MaxConnections)),
            Coordination = parse.GetValue(Coordination) is { Length: > 0 } redis ? CoordinationAddress.Parse(redis) : null,
            ReplicaId = parse.GetValue(ReplicaId) is { Length: > 0 } id ? CheckReplicaId(id) : options.ReplicaId,
            FetchLease = parse.GetValue(FetchLease) is var lease && lease is >= 1 and <= 86400 ? TimeSpan.FromSeconds(lease)
                : throw new DiagnosticException(DiagnosticCatalog.InvalidCommandLineValue.Create("--fetch-lease", lease.ToString(System.Globalization.CultureInfo.InvariantCulture), "use a number of seconds from 1 to 86400")),
        };
    }

    /// <summary>
    /// Serves until <paramref name="cancellationToken"/> is cancelled, then stops gracefully. The first line written
    /// is <c>listening &lt;url&gt;</c>, which a parent process (GoDockerStartProxy, tests) reads to find the port.
    /// </summary>
    public async Task ServeAsync(GatewayOptions options, ParseResult parse, TextWriter output, CancellationToken cancellationToken)
    {
        using var loggerFactory = GatewayLogging.CreateConsole(parse.GetValue(LogJson), parse.GetValue(LogLevel));
        await using var gateway = await ProxyGatewayHost.StartAsync(options with { LoggerFactory = loggerFactory }, cancellationToken);
        output.WriteLine($"listening {gateway.Address}");
        output.WriteLine($"GOPROXY={gateway.Address.ToString().TrimEnd('/')}; Ctrl+C stops.");
        output.Flush();
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }

        await gateway.StopAsync(CancellationToken.None);
    }

    private static Option<TimeSpan?> RevalidateEveryOption() => new("--revalidate-every")
    {
        Description = "Re-check every pinned file against upstream this often, as Go durations such as 6h or 90m (GD3050 per change). Off by default.",
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (GoDuration.TryParse(text, out var interval) && interval > TimeSpan.Zero)
            {
                return interval;
            }

            result.AddError($"--revalidate-every: '{text}' is not a positive duration; use a Go duration such as 6h, 90m or 1h30m.");
            return null;
        },
    };

    private static string CheckReplicaId(string id) =>
        id.Length <= 100 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')
            ? id
            : throw new DiagnosticException(DiagnosticCatalog.InvalidCommandLineValue.Create("--replica-id", id, "use up to 100 letters, digits, '.', '-' or '_'"));

    private static Dictionary<string, Uri> ParseSumdbs(IEnumerable<string> values)
    {
        var result = new Dictionary<string, Uri>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var eq = value.IndexOf('=');
            if (eq <= 0 || !Uri.TryCreate(value[(eq + 1)..], UriKind.Absolute, out var url))
            {
                throw new DiagnosticException(DiagnosticCatalog.InvalidPropertyValue.Create("--sumdb", value, "use name=url, such as sum.golang.org=https://sum.golang.org"));
            }

            result[value[..eq]] = url;
        }

        return result;
    }
}
