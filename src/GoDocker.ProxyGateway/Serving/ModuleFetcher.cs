using System.Text;
using GoDocker.Core.Modules;
using GoDocker.ProxyGateway.Cache;
using GoDocker.ProxyGateway.Coordination;
using GoDocker.ProxyGateway.Hosting;
using GoDocker.ProxyGateway.Protocol;
using GoDocker.ProxyGateway.Upstreams;
using Microsoft.Extensions.Logging;

namespace GoDocker.ProxyGateway.Serving;

/// <summary>
/// Asks upstreams for files the cache lacks, one fetch per key at a time: callers arriving while it runs share its
/// result. An immutable file is staged, verified and pinned before anyone is served it; a list answer is stored with
/// its fetch time. Fetches run on the gateway's stopping token, so a client that leaves does not fail the others.
/// </summary>
public sealed class ModuleFetcher(
    IModuleCache cache, IListCache lists, CacheLayout layout, ModuleFileVerifier verifier, ModuleFileLimits limits, ContentChangeReporter changes,
    IFetchCoordination coordination, GatewayMetrics metrics, ILogger logger, CancellationToken stopping)
{
    private const int MaxListBytes = 16 << 20;

    /// <summary>How often a replica waiting for another one's fetch looks for its file (or for the lease to expire).</summary>
    private static readonly TimeSpan LeasePoll = TimeSpan.FromMilliseconds(50);

    private readonly SingleFlight<Fetched<PinRecord>> _files = new();
    private readonly CommitSignals _commits = CommitSignals.Listen(coordination);
    private readonly SingleFlight<Fetched<ListRecord>> _lists = new();

    private sealed record Fetched<T>(T? Value, GatewayFailure? Failure) where T : class
    {
        public static implicit operator Fetched<T>(GatewayFailure failure) => new(null, failure);
    }

    /// <summary>Fetches, verifies and pins an immutable file; the pin in force, or a failure to answer.</summary>
    public async Task<PinRecord> FetchFileAsync(ModuleRequest request, IUpstreamFetcher upstream, CancellationToken waitCancellation) =>
        await SharedAsync(_files, request, () => FetchFileOnceAsync(request, upstream), waitCancellation);

    /// <summary>Fetches and stores a list or @latest answer; the stored record, or a failure to answer.</summary>
    public async Task<ListRecord> FetchListAsync(ModuleRequest request, IUpstreamFetcher upstream, CancellationToken waitCancellation) =>
        await SharedAsync(_lists, request, () => FetchListOnceAsync(request, upstream), waitCancellation);

    /// <summary>Forwards one request without caching or pinning (a passthrough rule); the answer streams through.</summary>
    public async Task<ServedFile> PassThroughAsync(ModuleRequest request, IUpstreamFetcher upstream, CancellationToken cancellationToken)
    {
        metrics.UpstreamFetch();
        var answer = await upstream.FetchAsync(request.RelativeUrl, cancellationToken);
        if (answer.Status != UpstreamAnswerStatus.Ok)
        {
            using (answer)
            {
                throw new GatewayFailureException(FailureOf(answer));
            }
        }

        return new ServedFile(answer.Body!, null, request.Kind, fromCache: false, answer);
    }

    /// <summary>The failure to answer for a non-Ok upstream answer (counted unless the file is simply not there).</summary>
    public GatewayFailure FailureOf(UpstreamAnswer answer)
    {
        if (answer.Status == UpstreamAnswerStatus.NotFound)
        {
            return GatewayFailure.NotFound(answer.Message);
        }

        metrics.UpstreamFailure();
        return new GatewayFailure(answer.TimedOut ? GatewayFailureKind.UpstreamTimedOut : GatewayFailureKind.UpstreamFailed, answer.Message);
    }

    private async Task<T> SharedAsync<T>(SingleFlight<Fetched<T>> flights, ModuleRequest request, Func<Task<Fetched<T>>> fetch, CancellationToken waitCancellation)
        where T : class
    {
        var (result, joined) = await flights.RunAsync(request.Key, fetch, waitCancellation);
        if (joined)
        {
            metrics.SingleFlightJoin();
        }

        return result.Value ?? throw new GatewayFailureException(result.Failure!);
    }

    private async Task<Fetched<PinRecord>> FetchFileOnceAsync(ModuleRequest request, IUpstreamFetcher upstream)
    {
        try
        {
            if (coordination is not LocalCoordination)
            {
                return await FetchAcrossReplicasAsync(request, upstream);
            }

            // A flight for this key (a prefetch, another client's) may have committed between the caller's look at
            // the cache and this flight: then there is nothing to fetch.
            return CommittedPin(request.Key) is { } committed
                ? new Fetched<PinRecord>(committed, null)
                : await FetchAndPinAsync(request, upstream, lease: null);
        }
        catch (CacheWriteException e)
        {
            return DiskFailure(request, e);
        }
    }

    /// <summary>
    /// One fetch per key across replicas: the lease holder fetches; the others wait until its file is in the shared
    /// folder, or until its lease expires (it died) and one of them takes over.
    /// </summary>
    private async Task<Fetched<PinRecord>> FetchAcrossReplicasAsync(ModuleRequest request, IUpstreamFetcher upstream)
    {
        for (var waited = false; ; waited = true)
        {
            if (CommittedPin(request.Key) is { } committed)
            {
                if (waited)
                {
                    metrics.PeerFetchJoined();
                }

                return new Fetched<PinRecord>(committed, null);
            }

            var lease = await coordination.TryAcquireAsync(request.Key, stopping);
            if (lease is null)
            {
                if (!waited)
                {
                    metrics.LeaseWait();
                }

                // Woken by the winner's Committed event, or by the poll (its lease may expire without one).
                await _commits.WaitAsync(request.Key, LeasePoll, stopping);
                continue;
            }

            try
            {
                if (lease.Shared)
                {
                    metrics.LeaseAcquired();
                }

                if (CommittedPin(request.Key) is { } justCommitted)
                {
                    // The previous holder committed between our look and our lease (or, Redis lost, while we asked).
                    return new Fetched<PinRecord>(justCommitted, null);
                }

                return await FetchAndPinAsync(request, upstream, lease);
            }
            finally
            {
                await coordination.ReleaseAsync(lease);
            }
        }
    }

    private PinRecord? CommittedPin(string key)
    {
        var file = cache.Get(key);
        file?.Content.Dispose();
        return file?.Pin;
    }

    private async Task<Fetched<PinRecord>> FetchAndPinAsync(ModuleRequest request, IUpstreamFetcher upstream, FetchLease? lease)
    {
        var (staged, source, failure) = await ReceiveAsync(request, upstream, body => HashedTempFile.WriteAsync(layout, body, stopping, LimitOf(request.Kind), syncInBackground: true, forBlobStore: true));
        if (staged is null)
        {
            return failure!;
        }

        using (staged)
        {
            metrics.BytesFetched(staged.Size);
            string? h1;
            try
            {
                // What go would reject never becomes visible, let alone pinned.
                h1 = await verifier.VerifyAsync(request, staged, stopping);
            }
            catch (Exception e) when (e is InvalidDataException or IOException or ModuleException or NotSupportedException)
            {
                return Invalid(request, source, e);
            }

            if (lease is { Shared: true } && !await coordination.StillHoldsAsync(lease, stopping))
            {
                // Fenced off: the lease expired during the fetch and another replica owns the key now.
                metrics.FencedOff();
                logger.LogWarning("Replica {Replica} lost the fetch lease for {Key} before committing; the replica holding it now commits", coordination.ReplicaId, request.Key);
                return CommittedPin(request.Key) is { } winner
                    ? new Fetched<PinRecord>(winner, null)
                    : new GatewayFailure(GatewayFailureKind.Unavailable, $"{request.RelativeUrl}: another gateway replica took over this download; retry");
            }

            var outcome = await cache.PutAsync(request.Key, staged, h1, stopping);
            if (coordination is not LocalCoordination)
            {
                await ShareCommitAsync(request.Key, outcome);
            }

            if (outcome.Status == CommitStatus.ContentChanged)
            {
                var diagnostic = changes.Report(outcome.Pin, outcome.RejectedSha256!, source, outcome.PinnedContentPresent);
                if (!outcome.PinnedContentPresent)
                {
                    // The go command prints the body of a failed answer: the user sees GD3050 itself, not only a 502.
                    return GatewayFailure.ContentChanged(diagnostic);
                }
            }
            else
            {
                logger.LogInformation("Stored {Key} ({Size} bytes, sha256 {Sha256}) from {Upstream}", request.Key, staged.Size, staged.Sha256, source);
            }

            return new Fetched<PinRecord>(outcome.Pin, null);
        }
    }

    private async Task ShareCommitAsync(string key, CommitOutcome outcome)
    {
        if (outcome.Status == CommitStatus.ContentChanged)
        {
            await coordination.PublishAsync(new CoordinationEvent(CoordinationEventKind.ContentChanged, coordination.ReplicaId, key), stopping);
            return;
        }

        var recorded = await coordination.RecordPinAsync(key, outcome.Pin.Sha256, stopping);
        if (recorded != outcome.Pin.Sha256)
        {
            logger.LogError("Replica {Replica}: the pin record of {Key} in the coordination store is {Recorded}, the shared folder has {Pinned}", coordination.ReplicaId, key, recorded, outcome.Pin.Sha256);
        }

        await coordination.PublishAsync(new CoordinationEvent(CoordinationEventKind.Committed, coordination.ReplicaId, key), stopping);
    }

    private async Task<Fetched<ListRecord>> FetchListOnceAsync(ModuleRequest request, IUpstreamFetcher upstream)
    {
        var (bytes, _, failure) = await ReceiveAsync(request, upstream, ReadListAsync);
        if (bytes is null)
        {
            return failure!;
        }

        metrics.BytesFetched(bytes.Length);
        var record = new ListRecord(request.Key, Encoding.UTF8.GetString(bytes), DateTimeOffset.UtcNow);
        try
        {
            await lists.PutAsync(record, stopping);
        }
        catch (CacheWriteException e)
        {
            // The answer is good; only keeping it failed. Serve it, and say so where operators look.
            DiskFailure(request, e);
        }

        return new Fetched<ListRecord>(record, null);
    }

    private async Task<byte[]> ReadListAsync(Stream body)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16384];
        int read;
        while ((read = await body.ReadAsync(chunk, stopping)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxListBytes)
            {
                throw new InvalidDataException($"it is larger than the limit of {MaxListBytes} bytes");
            }
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Asks <paramref name="upstream"/> and reads the answer's body with <paramref name="read"/>. A body that breaks
    /// off or stops coming is the upstream's failure; after '|' the rest of the list is asked, as the go command does.
    /// Returns the value and the upstream that sent it, or the failure to answer.
    /// </summary>
    private async Task<(T? Value, string? Source, GatewayFailure? Failure)> ReceiveAsync<T>(ModuleRequest request, IUpstreamFetcher upstream, Func<Stream, Task<T>> read)
        where T : class
    {
        for (var current = upstream; ;)
        {
            metrics.UpstreamFetch();
            using var answer = await current.FetchAsync(request.RelativeUrl, stopping);
            if (answer.Status != UpstreamAnswerStatus.Ok)
            {
                return (null, answer.Source, FailureOf(answer));
            }

            try
            {
                return (await read(answer.Body!), answer.Source, null);
            }
            catch (InvalidDataException e)
            {
                return (null, answer.Source, Invalid(request, answer.Source, e));
            }
            catch (Exception e) when (TransferErrors.IsUpstreamBreak(e, stopping))
            {
                metrics.UpstreamFailure();
                var timedOut = e is UpstreamBodyTimeoutException;
                logger.LogWarning("Upstream {Upstream} {Failure} while sending {Key}: {Error}", answer.Source, timedOut ? "stopped" : "broke off", request.Key, e.Message);
                if (answer.Fallback is { } rest)
                {
                    current = rest;
                    continue;
                }

                return (null, answer.Source, timedOut
                    ? new GatewayFailure(GatewayFailureKind.UpstreamTimedOut, $"{request.RelativeUrl}: {e.Message}; retry")
                    : new GatewayFailure(GatewayFailureKind.UpstreamFailed, $"{request.RelativeUrl}: upstream {answer.Source} broke off while sending it; retry"));
            }
        }
    }

    private long LimitOf(ModuleFileKind kind) => kind switch
    {
        ModuleFileKind.Info => limits.Info,
        ModuleFileKind.Mod => limits.Mod,
        _ => limits.Zip,
    };

    private GatewayFailure DiskFailure(ModuleRequest request, CacheWriteException e)
    {
        metrics.DiskFailure();
        logger.LogError("Cache disk failure while storing {Key}: {Error}", request.Key, e.Message);
        return new GatewayFailure(GatewayFailureKind.CacheUnwritable, $"{request.RelativeUrl}: the gateway cannot write to its cache ({e.Message}); this is the gateway's disk, not the upstream");
    }

    private GatewayFailure Invalid(ModuleRequest request, string? source, Exception e)
    {
        metrics.UpstreamFailure();
        logger.LogWarning("Upstream {Upstream} sent an invalid {Key}: {Error}", source, request.Key, e.Message);
        return new GatewayFailure(GatewayFailureKind.UpstreamFailed, $"{request.RelativeUrl}: upstream {source} sent an invalid module file: {e.Message}");
    }
}
