using System.Diagnostics;
using System.Globalization;
using GoDocker.Core.Diagnostics;
using Microsoft.Extensions.Logging;

namespace GoDocker.ProxyGateway.Coordination;

/// <summary>
/// Replicas coordinated through Redis. A fetch lease is <c>SET lease:&lt;key&gt; "&lt;token&gt; &lt;replica&gt;" NX PX</c>,
/// with the token from <c>INCR fence:&lt;key&gt;</c> (it only grows), renewed while the fetch runs; before its atomic
/// rename the holder checks the lease still carries its token, so a replica whose lease expired (paused, cut off)
/// does not commit over the one that took over. Without Lua the check and the rename are two steps: a pin already on
/// disk always wins (the cache re-reads it before writing), which keeps first-pin-wins true in that window.
/// When Redis is lost, leases fall back to this process alone (cached files are served as before), it is logged, and
/// a background loop reconnects and resumes.
/// </summary>
public sealed class RedisCoordination : IFetchCoordination
{
    private const string Prefix = "godocker:proxy:";
    private const string Channel = Prefix + "events";
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>How much later than due a timer may fire before it counts as this process not having run meanwhile.</summary>
    private static readonly TimeSpan LateTimer = TimeSpan.FromMilliseconds(500);

    /// <summary>How long the recorded upstream list outlives the last replica that uses it.</summary>
    internal static readonly TimeSpan UpstreamRecordLifetime = TimeSpan.FromSeconds(60);

    private readonly CoordinationAddress _address;
    private readonly TimeSpan _leaseTime;
    private readonly string _upstreams;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly object _gate = new();
    private RespConnection? _commands;
    private Task _reconnecting = Task.CompletedTask;
    private readonly Task _subscription;
    private readonly Task _heartbeat;
    private long _lost;

    private RedisCoordination(CoordinationAddress address, string replicaId, TimeSpan leaseTime, string upstreams, RespConnection commands, ILogger logger)
    {
        _address = address;
        ReplicaId = replicaId;
        _leaseTime = leaseTime;
        _upstreams = upstreams;
        _commands = commands;
        _logger = logger;
        _subscription = Task.Run(SubscribeLoopAsync);
        _heartbeat = Task.Run(HeartbeatLoopAsync);
    }

    public string ReplicaId { get; }
    public string Mode => "redis";
    public bool IsShared => Volatile.Read(ref _commands) is not null;

    /// <summary>How many times Redis was lost while running.</summary>
    public long LostCount => Interlocked.Read(ref _lost);

    public event Action<CoordinationEvent>? EventReceived;

    /// <summary>
    /// Connects and records this replica's upstream list; GD3080 when Redis cannot be reached, GD3081 when running
    /// replicas recorded another upstream list (they would pin different bytes for one version).
    /// </summary>
    public static async Task<RedisCoordination> ConnectAsync(CoordinationAddress address, string replicaId, TimeSpan leaseTime, string upstreams, ILogger logger, CancellationToken cancellationToken)
    {
        RespConnection commands;
        try
        {
            commands = await RespConnection.ConnectAsync(address.Host, address.Port, address.Database, ConnectTimeout, cancellationToken);
            await commands.CommandAsync(cancellationToken, "PING");
        }
        catch (Exception e) when (e is IOException or RespErrorException)
        {
            throw new DiagnosticException(DiagnosticCatalog.CoordinationUnreachable.Create(address.Display, e.Message), e);
        }

        try
        {
            var recorded = await RecordUpstreamsAsync(commands, upstreams, cancellationToken);
            if (recorded != upstreams)
            {
                throw new DiagnosticException(DiagnosticCatalog.ReplicaUpstreamsDiffer.Create(upstreams, recorded ?? "", address.Display, UpstreamRecordLifetime.TotalSeconds));
            }
        }
        catch (Exception e) when (e is IOException or RespErrorException)
        {
            await commands.DisposeAsync();
            throw new DiagnosticException(DiagnosticCatalog.CoordinationUnreachable.Create(address.Display, e.Message), e);
        }
        catch
        {
            await commands.DisposeAsync();
            throw;
        }

        return new RedisCoordination(address, replicaId, leaseTime, upstreams, commands, logger);
    }

    /// <summary>Publishes one event to the replicas without joining them (<c>snapshot use --coordination</c>); GD3080 when unreachable.</summary>
    public static async Task AnnounceAsync(CoordinationAddress address, CoordinationEvent coordinationEvent, CancellationToken cancellationToken)
    {
        try
        {
            await using var redis = await RespConnection.ConnectAsync(address.Host, address.Port, address.Database, ConnectTimeout, cancellationToken);
            await redis.CommandAsync(cancellationToken, "PUBLISH", Channel, coordinationEvent.Encode());
        }
        catch (Exception e) when (e is IOException or RespErrorException)
        {
            throw new DiagnosticException(DiagnosticCatalog.CoordinationUnreachable.Create(address.Display, e.Message), e);
        }
    }

    public Task<FetchLease?> TryAcquireAsync(string key, CancellationToken cancellationToken) =>
        RunAsync<FetchLease?>(async (redis, ct) =>
        {
            var leaseKey = LeaseKey(key);
            if (await redis.CommandAsync(ct, "EXISTS", leaseKey) is > 0L)
            {
                return null;
            }

            var token = (long)(await redis.CommandAsync(ct, "INCR", Prefix + "fence:" + key))!;
            var lease = new FetchLease(key, token, Shared: true);
            if (await redis.CommandAsync(ct, "SET", leaseKey, ValueOf(lease), "NX", "PX", Milliseconds(_leaseTime)) is null)
            {
                return null;
            }

            _ = RenewAsync(lease);
            return lease;
        }, new FetchLease(key, 0, Shared: false), cancellationToken);

    public Task<bool> StillHoldsAsync(FetchLease lease, CancellationToken cancellationToken) =>
        !lease.Shared ? Task.FromResult(true)
            : RunAsync(async (redis, ct) => await redis.CommandAsync(ct, "GET", LeaseKey(lease.Key)) as string == ValueOf(lease), true, cancellationToken);

    public async Task ReleaseAsync(FetchLease lease)
    {
        await lease.Renewal.CancelAsync();
        if (lease.Shared)
        {
            await RunAsync(async (redis, ct) =>
            {
                if (await redis.CommandAsync(ct, "GET", LeaseKey(lease.Key)) as string == ValueOf(lease))
                {
                    await redis.CommandAsync(ct, "DEL", LeaseKey(lease.Key));
                }

                return true;
            }, false, CancellationToken.None);
        }
    }

    public Task<string> RecordPinAsync(string key, string sha256, CancellationToken cancellationToken) =>
        RunAsync(async (redis, ct) =>
        {
            if (await redis.CommandAsync(ct, "HSETNX", Prefix + "pins", key, sha256) is 1L)
            {
                return sha256;
            }

            return await redis.CommandAsync(ct, "HGET", Prefix + "pins", key) as string ?? sha256;
        }, sha256, cancellationToken);

    public Task PublishAsync(CoordinationEvent coordinationEvent, CancellationToken cancellationToken) =>
        RunAsync(async (redis, ct) => await redis.CommandAsync(ct, "PUBLISH", Channel, coordinationEvent.Encode()), null, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        RespConnection? commands;
        lock (_gate)
        {
            (commands, _commands) = (_commands, null);
        }

        if (commands is not null)
        {
            await commands.DisposeAsync();
        }

        await Task.WhenAll(_subscription, _heartbeat, _reconnecting).ContinueWith(_ => { }, TaskScheduler.Default);
        _stopping.Dispose();
    }

    private static string LeaseKey(string key) => Prefix + "lease:" + key;

    private string ValueOf(FetchLease lease) => lease.Token.ToString(CultureInfo.InvariantCulture) + " " + ReplicaId;

    private static string Milliseconds(TimeSpan time) => ((long)time.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);

    /// <summary>Sets the upstream record unless one exists; returns the record in force.</summary>
    private static async Task<string?> RecordUpstreamsAsync(RespConnection redis, string upstreams, CancellationToken ct)
    {
        var key = Prefix + "upstreams";
        if (await redis.CommandAsync(ct, "SET", key, upstreams, "NX", "PX", Milliseconds(UpstreamRecordLifetime)) is not null)
        {
            return upstreams;
        }

        var recorded = await redis.CommandAsync(ct, "GET", key) as string;
        if (recorded == upstreams)
        {
            await redis.CommandAsync(ct, "PEXPIRE", key, Milliseconds(UpstreamRecordLifetime));
        }

        return recorded ?? await RecordUpstreamsAsync(redis, upstreams, ct);
    }

    /// <summary>Keeps the lease alive while its fetch runs (a third of its time, so one late renewal is no loss).</summary>
    private async Task RenewAsync(FetchLease lease)
    {
        try
        {
            using var timer = new PeriodicTimer(_leaseTime / 3);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(lease.Renewal.Token, _stopping.Token);
            while (await timer.WaitForNextTickAsync(linked.Token))
            {
                // Not cancelled by the release: a renewal cut off mid-answer would put the connection out of step.
                var renewed = await RunAsync(async (redis, ct) =>
                    await redis.CommandAsync(ct, "GET", LeaseKey(lease.Key)) as string == ValueOf(lease)
                    && await redis.CommandAsync(ct, "PEXPIRE", LeaseKey(lease.Key), Milliseconds(_leaseTime)) is 1L, true, _stopping.Token);
                if (!renewed)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>
    /// Runs one exchange with Redis; when Redis is lost, falls back to <paramref name="fallback"/> and starts
    /// reconnecting. <paramref name="cancellationToken"/> is the gateway's stopping token: an exchange cut off mid-answer
    /// leaves the connection out of step, so nothing else may cancel one.
    /// </summary>
    private async Task<T> RunAsync<T>(Func<RespConnection, CancellationToken, Task<T>> exchange, T fallback, CancellationToken cancellationToken)
    {
        var redis = Volatile.Read(ref _commands);
        if (redis is null)
        {
            return fallback;
        }

        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var exchanged = exchange(redis, abandon.Token);
        string why;
        try
        {
            if (await AnsweredInTimeAsync(exchanged, cancellationToken))
            {
                return await exchanged;
            }

            why = $"no answer within {CommandTimeout.TotalSeconds:0}s";
        }
        // Whatever breaks the exchange (a reset socket, a connection disposed by another request's Lost, an error reply
        // such as LOADING from a Redis that is starting again) must not fail the request: serve without coordination.
        catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            why = e.Message;
        }

        await abandon.CancelAsync();
        Lost(redis, why);

        // Observed, not awaited: the connection is closed now, so the exchange ends on its own, and how is of no interest.
        _ = exchanged.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return fallback;
    }

    /// <summary>
    /// Whether <paramref name="exchanged"/> completes within the command timeout of this process's own running time.
    /// A timer that fires late means the process was not scheduled (a paused VM or container, a starved thread pool):
    /// an answer that came meanwhile is waiting unread, so the exchange gets the timeout again rather than the replica
    /// giving up coordination, and fetching what its peers are fetching, over its own pause.
    /// </summary>
    private static async Task<bool> AnsweredInTimeAsync(Task exchanged, CancellationToken cancellationToken)
    {
        while (true)
        {
            var waiting = Stopwatch.GetTimestamp();
            try
            {
                await exchanged.WaitAsync(CommandTimeout, cancellationToken);
                return true;
            }
            catch (TimeoutException) when (Stopwatch.GetElapsedTime(waiting) - CommandTimeout < LateTimer)
            {
                return false;
            }
            catch (TimeoutException)
            {
                // The timer fired late: wait again.
            }
        }
    }

    private void Lost(RespConnection redis, string why)
    {
        lock (_gate)
        {
            if (!ReferenceEquals(_commands, redis))
            {
                return;
            }

            _commands = null;
            Interlocked.Increment(ref _lost);
            _logger.LogWarning("Replica {Replica} lost Redis at {Redis} ({Why}): serving cached files and fetching with local single-flight until it returns", ReplicaId, _address.Display, why);
            _reconnecting = Task.Run(ReconnectLoopAsync);
        }

        _ = redis.DisposeAsync();
    }

    private async Task ReconnectLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(RetryInterval, _stopping.Token);
                var redis = await RespConnection.ConnectAsync(_address.Host, _address.Port, _address.Database, ConnectTimeout, _stopping.Token);
                await redis.CommandAsync(_stopping.Token, "PING");
                await RecordUpstreamsAsync(redis, _upstreams, _stopping.Token);
                lock (_gate)
                {
                    _commands = redis;
                }

                _logger.LogInformation("Replica {Replica} reached Redis at {Redis} again: fetches are coordinated again", ReplicaId, _address.Display);
                return;
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e) when (e is IOException or RespErrorException)
            {
                // Still away (or loading its data after a restart); try again.
            }
        }
    }

    /// <summary>Keeps the upstream record alive while this replica runs.</summary>
    private async Task HeartbeatLoopAsync()
    {
        try
        {
            using var timer = new PeriodicTimer(UpstreamRecordLifetime / 3);
            while (await timer.WaitForNextTickAsync(_stopping.Token))
            {
                var recorded = await RunAsync(async (redis, ct) => await RecordUpstreamsAsync(redis, _upstreams, ct), _upstreams, _stopping.Token);
                if (recorded != _upstreams)
                {
                    _logger.LogError("Replica {Replica}: another replica recorded the upstream list {Recorded} in {Redis}; this one uses {Upstreams}", ReplicaId, recorded, _address.Display, _upstreams);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Receives other replicas' events on a connection of its own, reconnecting whenever it breaks.</summary>
    private async Task SubscribeLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                await using var redis = await RespConnection.ConnectAsync(_address.Host, _address.Port, _address.Database, ConnectTimeout, _stopping.Token);
                await redis.SendAsync(["SUBSCRIBE", Channel], _stopping.Token);
                while (true)
                {
                    if (await redis.ReadReplyAsync(_stopping.Token) is object?[] { Length: 3 } message && message[0] as string == "message"
                        && message[2] is string text && CoordinationEvent.Decode(text) is { } received && received.Replica != ReplicaId)
                    {
                        try
                        {
                            EventReceived?.Invoke(received);
                        }
                        catch (Exception e)
                        {
                            _logger.LogWarning(e, "Handling the coordination event {Event} failed", text);
                        }
                    }
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e) when (e is IOException or RespErrorException)
            {
                // A broken subscription is the first sign of a lost Redis, even when no fetch needs it right now.
                if (Volatile.Read(ref _commands) is { } commands)
                {
                    Lost(commands, e.Message);
                }

                try
                {
                    await Task.Delay(RetryInterval, _stopping.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
