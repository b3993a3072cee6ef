using System.Security.Cryptography;
using GoDocker.ProxyGateway.Cache;
using GoDocker.ProxyGateway.Hosting;
using GoDocker.ProxyGateway.Protocol;
using GoDocker.ProxyGateway.Upstreams;
using Microsoft.Extensions.Logging;

namespace GoDocker.ProxyGateway.Serving;

/// <summary>
/// Asks the upstream of every pinned file for it again and compares the bytes with the pin. Each change is
/// reported as GD3050 (counted and logged); the cache is never written, so the first content stays pinned and
/// served. A file the upstream no longer has or cannot send is listed as unreachable and the run goes on.
/// Modules under a deny rule are not sent upstream; the others go where a request for them would.
/// </summary>
public sealed class CacheRevalidator(IModuleCache cache, IContentStore content, ModuleRouter router, ModuleFetcher fetcher, ContentChangeReporter changes, GatewayMetrics metrics, ILogger logger)
{
    /// <summary>Upstream requests one revalidation keeps in flight: far faster than one at a time, still gentle.</summary>
    internal const int Parallelism = 4;

    private sealed record Outcome(string Key, bool Skipped = false, ChangedFile? Changed = null, UnreachableFile? Unreachable = null);

    public async Task<RevalidationReport> RevalidateAsync(CancellationToken cancellationToken)
    {
        var pins = cache.Pins();
        var outcomes = new Outcome[pins.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, pins.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (i, ct) => outcomes[i] = await RevalidateOneAsync(pins[i], ct));

        var ordered = outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).ToArray();
        var report = new RevalidationReport(
            ordered.Count(o => !o.Skipped),
            ordered.Select(o => o.Changed).OfType<ChangedFile>().ToArray(),
            ordered.Select(o => o.Unreachable).OfType<UnreachableFile>().ToArray(),
            ordered.Count(o => o.Skipped));
        metrics.RevalidationCompleted(DateTimeOffset.UtcNow);
        return report;
    }

    private async Task<Outcome> RevalidateOneAsync(PinRecord pin, CancellationToken cancellationToken)
    {
        var (module, version) = ModuleRequestParser.ModuleVersionOf(pin.Key);
        var route = router.Route(module);
        if (route.Action == ModuleRouteAction.Deny)
        {
            return new Outcome(pin.Key, Skipped: true);
        }

        Outcome Unreachable(bool gone, string reason)
        {
            logger.LogDebug("Revalidation could not compare {Key}: {Reason}", pin.Key, reason);
            return new Outcome(pin.Key, Unreachable: new UnreachableFile(pin.Key, module, version, gone, reason));
        }

        metrics.UpstreamFetch();
        using var answer = await route.Upstream.FetchAsync(pin.Key, cancellationToken);
        if (answer.Status != UpstreamAnswerStatus.Ok)
        {
            var failure = fetcher.FailureOf(answer);
            return Unreachable(failure.Kind == GatewayFailureKind.NotFound, answer.Message);
        }

        string sha256;
        try
        {
            // Hashed as it streams: nothing is staged, so nothing in the cache can change and no temp file is left.
            (sha256, var size) = await HashAsync(answer.Body!, cancellationToken);
            metrics.BytesFetched(size);
        }
        catch (Exception e) when (TransferErrors.IsUpstreamBreak(e, cancellationToken))
        {
            metrics.UpstreamFailure();
            return Unreachable(false, $"{answer.Source}/{pin.Key}: broke off while sending it: {e.Message}");
        }

        if (sha256 == pin.Sha256)
        {
            return new Outcome(pin.Key);
        }

        var diagnostic = changes.Report(pin, sha256, answer.Source, servingPinned: content.Has(pin.Sha256));
        return new Outcome(pin.Key, Changed: new ChangedFile(pin.Key, module, version, diagnostic));
    }

    private static async Task<(string Sha256, long Size)> HashAsync(Stream body, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long size = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            size += read;
        }

        return (Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant(), size);
    }
}
