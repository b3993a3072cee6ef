using System.Text;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.Modules;
using GoDocker.ProxyGateway.Cache;
using GoDocker.ProxyGateway.Protocol;
using GoDocker.ProxyGateway.Snapshots;
using GoDocker.ProxyGateway.Upstreams;
using Microsoft.Extensions.Logging;

namespace GoDocker.ProxyGateway.Hosting;

/// <summary>
/// Answers module file requests: from a snapshot view, from the cache, or by one upstream fetch per missing file.
/// Knows nothing of HTTP; failures are <see cref="GatewayFailureException"/>s.
/// </summary>
public sealed class ModuleFileService
{
    private const int MaxListBytes = 16 << 20;

    private readonly IModuleCache _cache;
    private readonly SnapshotStore _snapshots;
    private readonly IUpstreamFetcher _upstream;
    private readonly GatewayOptions _options;
    private readonly GatewayMetrics _metrics;
    private readonly ILogger _logger;
    private readonly SingleFlight<FetchResult> _flights = new();
    private readonly CancellationToken _stopping;

    private sealed record FetchResult(PinRecord? Pin, ListRecord? List, GatewayFailure? Failure);

    public ModuleFileService(IModuleCache cache, SnapshotStore snapshots, IUpstreamFetcher upstream, GatewayOptions options, GatewayMetrics metrics, ILogger logger, CancellationToken stopping)
    {
        _cache = cache;
        _snapshots = snapshots;
        _upstream = upstream;
        _options = options;
        _metrics = metrics;
        _logger = logger;
        _stopping = stopping;
    }

    /// <param name="snapshot">A snapshot named in the URL (/snapshots/&lt;name&gt;/), or null for the default view.</param>
    public async Task<ServedFile> GetAsync(ModuleRequest request, string? snapshot, CancellationToken cancellationToken)
    {
        _metrics.Request(request.Kind);
        var view = snapshot ?? _options.SnapshotView ?? _snapshots.CurrentView();
        if (view is not null)
        {
            // A deny rule wins over snapshots too: denying a module must not depend on which view is selected.
            if (_options.ModuleRules.FirstOrDefault(r => r.Matches(request.ModulePath)) is { Action: ModuleRouteAction.Deny } deny)
            {
                throw Fail(GatewayFailure.Forbidden($"module {request.ModulePath} is denied by gateway rule '{deny.Pattern}'"));
            }

            return ServeFromSnapshot(request, view);
        }

        return await GetLiveAsync(request, cancellationToken, counted: true);
    }

    /// <summary>Answers from the live cache (or upstream) whatever view is selected; warm uses this.</summary>
    public async Task<ServedFile> GetLiveAsync(ModuleRequest request, CancellationToken cancellationToken, bool counted = false)
    {
        if (!counted)
        {
            _metrics.Request(request.Kind);
        }

        var rule = _options.ModuleRules.FirstOrDefault(r => r.Matches(request.ModulePath));
        switch (rule?.Action)
        {
            case ModuleRouteAction.Deny:
                throw Fail(GatewayFailure.Forbidden($"module {request.ModulePath} is denied by gateway rule '{rule.Pattern}'"));
            case ModuleRouteAction.Passthrough:
                return await PassThroughAsync(request, rule.Upstream ?? _upstream, cancellationToken);
        }

        var upstream = rule?.Upstream ?? _upstream;
        return request.Kind.IsImmutable()
            ? await ServeImmutableAsync(request, upstream, cancellationToken)
            : await ServeListAsync(request, upstream, cancellationToken);
    }

    /// <summary>
    /// Fetches every cached immutable file again and compares it with its pin; returns the keys whose upstream
    /// content changed (each also counted and logged). The cache keeps the first content.
    /// </summary>
    public async Task<IReadOnlyList<string>> RevalidateAsync(CancellationToken cancellationToken)
    {
        var changed = new List<string>();
        foreach (var pin in _cache.Pins())
        {
            using var answer = await _upstream.FetchAsync(pin.Key, cancellationToken);
            _metrics.UpstreamFetch();
            if (answer.Status != UpstreamAnswerStatus.Ok)
            {
                continue;
            }

            using var staged = await _cache.StageAsync(answer.Body!, cancellationToken);
            if (staged.Sha256 != pin.Sha256)
            {
                ReportContentChange(pin, staged.Sha256, answer.Source, servingPinned: _cache.HasBlob(pin.Sha256));
                changed.Add(pin.Key);
            }
        }

        return changed;
    }

    private ServedFile ServeFromSnapshot(ModuleRequest request, string name)
    {
        LoadedSnapshot snapshot;
        try
        {
            snapshot = _snapshots.Get(name);
        }
        catch (DiagnosticException e)
        {
            throw Fail(GatewayFailure.NotFound(e.Diagnostic.Message));
        }

        if (request.Kind.IsImmutable())
        {
            if (snapshot.Files.TryGetValue(request.Key, out var pin) && _cache.OpenBlob(pin.Sha256) is { } stream)
            {
                _metrics.Hit(request.Kind);
                return new ServedFile(stream, pin.Size, request.Kind, fromCache: true);
            }

            _metrics.Miss(request.Kind);
            throw Fail(GatewayFailure.NotFound($"{request.ModulePath}@{request.Version}: not in snapshot '{name}'"));
        }

        if (snapshot.Lists.TryGetValue(request.Key, out var list))
        {
            _metrics.Hit(request.Kind);
            return ServedFile.FromBytes(Encoding.UTF8.GetBytes(list.Body), request.Kind, fromCache: true);
        }

        if (request.Kind == ModuleFileKind.List && ComposeList(snapshot.Files.Keys, request) is { } composed)
        {
            _metrics.Hit(request.Kind);
            return ServedFile.FromBytes(Encoding.UTF8.GetBytes(composed), request.Kind, fromCache: true);
        }

        _metrics.Miss(request.Kind);
        throw Fail(GatewayFailure.NotFound($"{request.ModulePath}: no {(request.Kind == ModuleFileKind.List ? "versions" : "latest version")} in snapshot '{name}'"));
    }

    private async Task<ServedFile> ServeImmutableAsync(ModuleRequest request, IUpstreamFetcher upstream, CancellationToken cancellationToken)
    {
        var cached = _cache.TryOpen(request.Key, out _);
        if (cached is not null)
        {
            _metrics.Hit(request.Kind);
            return new ServedFile(cached, cached.Length, request.Kind, fromCache: true);
        }

        _metrics.Miss(request.Kind);
        if (_options.Offline)
        {
            throw Fail(GatewayFailure.NotFound($"{request.ModulePath}@{request.Version}: not in the cache, and the gateway is offline"));
        }

        var (result, joined) = await _flights.RunAsync(request.Key, () => FetchImmutableAsync(request, upstream), cancellationToken);
        if (joined)
        {
            _metrics.SingleFlightJoin();
        }

        if (result.Failure is not null)
        {
            throw Fail(result.Failure);
        }

        var stream = _cache.OpenBlob(result.Pin!.Sha256)
            ?? throw Fail(new GatewayFailure(GatewayFailureKind.Unavailable, $"{request.ModulePath}@{request.Version}: content was evicted while being served; retry"));
        return new ServedFile(stream, result.Pin.Size, request.Kind, fromCache: false);
    }

    private async Task<FetchResult> FetchImmutableAsync(ModuleRequest request, IUpstreamFetcher upstream)
    {
        _metrics.UpstreamFetch();
        using var answer = await upstream.FetchAsync(request.RelativeUrl, _stopping);
        if (answer.Status != UpstreamAnswerStatus.Ok)
        {
            return new FetchResult(null, null, ToFailure(answer));
        }

        StagedFile staged;
        try
        {
            staged = await _cache.StageAsync(answer.Body!, _stopping);
        }
        catch (Exception e) when (e is IOException or HttpRequestException or OperationCanceledException && !_stopping.IsCancellationRequested)
        {
            _metrics.UpstreamFailure();
            _logger.LogWarning("Upstream {Upstream} broke off while sending {Key}: {Error}", answer.Source, request.Key, e.Message);
            return new FetchResult(null, null, new GatewayFailure(GatewayFailureKind.UpstreamFailed, $"{request.RelativeUrl}: upstream {answer.Source} broke off while sending it; retry"));
        }

        using (staged)
        {
            _metrics.BytesFetched(staged.Size);
            string? h1;
            try
            {
                // A zip that is not a valid module zip never becomes visible: go would reject it anyway.
                h1 = request.Kind switch
                {
                    ModuleFileKind.Zip => await _options.Hasher.HashZipAsync(staged.Path, _stopping),
                    ModuleFileKind.Mod => await _options.Hasher.HashGoModAsync(staged.Path, _stopping),
                    _ => null,
                };
            }
            catch (Exception e) when (e is InvalidDataException or IOException or ModuleException or NotSupportedException)
            {
                _metrics.UpstreamFailure();
                return new FetchResult(null, null, new GatewayFailure(GatewayFailureKind.UpstreamFailed, $"{request.RelativeUrl}: upstream {answer.Source} sent an invalid module file: {e.Message}"));
            }

            var outcome = await _cache.CommitAsync(request.Key, staged, h1, _stopping);
            if (outcome.Status == CommitStatus.ContentChanged)
            {
                var servingPinned = _cache.HasBlob(outcome.Pin.Sha256);
                var diagnostic = ReportContentChange(outcome.Pin, outcome.RejectedSha256!, answer.Source, servingPinned);
                if (!servingPinned)
                {
                    // The go command prints the body of a failed answer: the user sees GD3050 itself, not only a 502.
                    return new FetchResult(null, null, GatewayFailure.ContentChanged(diagnostic));
                }
            }
            else
            {
                _logger.LogInformation("Stored {Key} ({Size} bytes, sha256 {Sha256}) from {Upstream}", request.Key, staged.Size, staged.Sha256, answer.Source);
            }

            return new FetchResult(outcome.Pin, null, null);
        }
    }

    private async Task<ServedFile> ServeListAsync(ModuleRequest request, IUpstreamFetcher upstream, CancellationToken cancellationToken)
    {
        var record = _cache.GetList(request.Key);
        if (record is not null && (_options.Offline || DateTimeOffset.UtcNow - record.FetchedAt < _options.ListTtl))
        {
            _metrics.Hit(request.Kind);
            return ServedFile.FromBytes(Encoding.UTF8.GetBytes(record.Body), request.Kind, fromCache: true);
        }

        _metrics.Miss(request.Kind);
        if (_options.Offline)
        {
            if (request.Kind == ModuleFileKind.List && ComposeList(_cache.Pins().Select(p => p.Key), request) is { } composed)
            {
                return ServedFile.FromBytes(Encoding.UTF8.GetBytes(composed), request.Kind, fromCache: true);
            }

            throw Fail(GatewayFailure.NotFound($"{request.ModulePath}: not in the cache, and the gateway is offline"));
        }

        var (result, joined) = await _flights.RunAsync(request.Key, () => FetchListAsync(request, upstream), cancellationToken);
        if (joined)
        {
            _metrics.SingleFlightJoin();
        }

        if (result.List is not null)
        {
            return ServedFile.FromBytes(Encoding.UTF8.GetBytes(result.List.Body), request.Kind, fromCache: false);
        }

        if (record is not null && result.Failure!.Kind is not (GatewayFailureKind.NotFound or GatewayFailureKind.Gone))
        {
            _metrics.StaleServed();
            _logger.LogWarning("Serving stale {Key} fetched {FetchedAt}: {Error}", request.Key, record.FetchedAt, result.Failure.Message);
            return ServedFile.FromBytes(Encoding.UTF8.GetBytes(record.Body), request.Kind, fromCache: true);
        }

        throw Fail(result.Failure!);
    }

    private async Task<FetchResult> FetchListAsync(ModuleRequest request, IUpstreamFetcher upstream)
    {
        _metrics.UpstreamFetch();
        using var answer = await upstream.FetchAsync(request.RelativeUrl, _stopping);
        if (answer.Status != UpstreamAnswerStatus.Ok)
        {
            return new FetchResult(null, null, ToFailure(answer));
        }

        try
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16384];
            int read;
            while ((read = await answer.Body!.ReadAsync(chunk, _stopping)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > MaxListBytes)
                {
                    return new FetchResult(null, null, new GatewayFailure(GatewayFailureKind.UpstreamFailed, $"{request.RelativeUrl}: upstream answer is larger than {MaxListBytes} bytes"));
                }
            }

            _metrics.BytesFetched(buffer.Length);
            var record = new ListRecord(request.Key, Encoding.UTF8.GetString(buffer.ToArray()), DateTimeOffset.UtcNow);
            await _cache.PutListAsync(record, _stopping);
            return new FetchResult(null, record, null);
        }
        catch (Exception e) when (e is IOException or HttpRequestException or OperationCanceledException && !_stopping.IsCancellationRequested)
        {
            _metrics.UpstreamFailure();
            return new FetchResult(null, null, new GatewayFailure(GatewayFailureKind.UpstreamFailed, $"{request.RelativeUrl}: upstream {answer.Source} broke off: {e.Message}"));
        }
    }

    private async Task<ServedFile> PassThroughAsync(ModuleRequest request, IUpstreamFetcher upstream, CancellationToken cancellationToken)
    {
        _metrics.Miss(request.Kind);
        _metrics.UpstreamFetch();
        var answer = await upstream.FetchAsync(request.RelativeUrl, cancellationToken);
        if (answer.Status != UpstreamAnswerStatus.Ok)
        {
            using (answer)
            {
                throw Fail(ToFailure(answer));
            }
        }

        return new ServedFile(answer.Body!, null, request.Kind, fromCache: false, answer);
    }

    private GatewayFailure ToFailure(UpstreamAnswer answer)
    {
        if (answer.Status == UpstreamAnswerStatus.NotFound)
        {
            return GatewayFailure.NotFound(answer.Message);
        }

        _metrics.UpstreamFailure();
        return new GatewayFailure(answer.TimedOut ? GatewayFailureKind.UpstreamTimedOut : GatewayFailureKind.UpstreamFailed, answer.Message);
    }

    /// <summary>The one place a changed pinned file becomes GD3050: counted, logged, and returned for the HTTP answer.</summary>
    private Diagnostic ReportContentChange(PinRecord pin, string newSha256, string? source, bool servingPinned)
    {
        _metrics.ContentChanged();

        // Pins are keyed by the escaped request path; users know the module and version as go.mod spells them.
        var (module, version) = ModuleRequestParser.TryParse(pin.Key, out var parsed, out _) ? (parsed.ModulePath, parsed.Version ?? "") : (pin.Key, "");
        var consequence = servingPinned
            ? "The gateway discarded the new bytes and keeps serving the pinned content."
            : "The pinned content was evicted from the cache, so the gateway refuses to serve this file rather than serve the new bytes.";
        var diagnostic = DiagnosticCatalog.PinnedContentChanged.Create(module, version, source ?? "(unknown)", pin.Key, newSha256, pin.Sha256, consequence);
        _logger.LogWarning("{Code}: {Message} (security event: key {Key}, pinned {PinnedSha256}, offered {OfferedSha256})",
            diagnostic.Code, diagnostic.Message, pin.Key, pin.Sha256, newSha256);
        return diagnostic;
    }

    /// <summary>A list answer made from the versions present (their .mod files), when no upstream list is at hand.</summary>
    private static string? ComposeList(IEnumerable<string> keys, ModuleRequest request)
    {
        var prefix = request.EscapedModulePath + "/@v/";
        var versions = new List<string>();
        foreach (var key in keys)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal) && key.EndsWith(".mod", StringComparison.Ordinal))
            {
                var escaped = key[prefix.Length..^".mod".Length];
                if (!escaped.Contains('/') && ModulePath.TryUnescapeVersion(escaped, out var v, out _) && SemVer.IsValid(v))
                {
                    versions.Add(v);
                }
            }
        }

        if (versions.Count == 0)
        {
            return null;
        }

        SemVer.Sort(versions);
        return string.Concat(versions.Select(v => v + "\n"));
    }

    private static GatewayFailureException Fail(GatewayFailure failure) => new(failure);
}
