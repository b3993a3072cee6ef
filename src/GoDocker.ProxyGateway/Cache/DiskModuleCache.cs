using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace GoDocker.ProxyGateway.Cache;

/// <summary>
/// The on-disk module cache: one pin file per immutable module file over the content-addressed
/// <see cref="BlobStore"/>, bounded by least-recently-used eviction. Content becomes visible only by an atomic
/// rename of a complete, hashed file.
/// </summary>
public sealed class DiskModuleCache : IModuleCache
{
    private readonly SemaphoreSlim _commitLock = new(1, 1);
    private readonly PinTable _table = new();
    private readonly BlobStore _blobs;
    private readonly long? _maxBytes;
    private readonly Func<IReadOnlySet<string>> _protectedHashes;
    private readonly ILogger _logger;

    /// <param name="maxBytes">Bound on the size of cached content; least recently used content goes first.</param>
    /// <param name="protectedHashes">Blob hashes held by snapshots: never evicted.</param>
    /// <param name="sweepTemp">Delete leftovers in tmp/; false when another process may be writing there right now.</param>
    /// <param name="sharedTemp">Replicas on other hosts write to tmp/ too: sweep only files idle for an hour.</param>
    public DiskModuleCache(CacheLayout layout, BlobStore blobs, long? maxBytes, Func<IReadOnlySet<string>> protectedHashes, ILogger logger, bool sweepTemp = true, bool sharedTemp = false)
    {
        Layout = layout;
        _blobs = blobs;
        _maxBytes = maxBytes;
        _protectedHashes = protectedHashes;
        _logger = logger;
        layout.EnsureFolders();
        if (sweepTemp)
        {
            TempFolderSweep.Run(layout, logger, sharedTemp ? TimeSpan.FromHours(1) : null);
        }

        LoadPins();
    }

    public CacheLayout Layout { get; }

    /// <summary>Total size of distinct content currently present.</summary>
    public long ContentBytes => _table.ContentBytes;

    public PinRecord? GetPin(string key) => _table.Get(key);

    /// <summary>
    /// Other gateway processes (replicas) commit into this folder too: a key unknown here, or whose content is not
    /// here, is looked up on disk before it counts as a miss, and a pin on disk wins over a put.
    /// </summary>
    public bool SharedFolder { get; set; }

    public IReadOnlyList<PinRecord> Pins() => _table.All();

    /// <summary>Pin keys from least to most recently used: the order eviction follows.</summary>
    public IReadOnlyList<string> KeysByRecency() => _table.KeysByRecency();

    public CachedFile? Get(string key)
    {
        if (_table.Get(key) is not { } pin || _blobs.Open(pin.Sha256) is not { } stream)
        {
            if (!SharedFolder || Adopt(key) is not { } adopted || _blobs.Open(adopted.Sha256) is not { } committed)
            {
                return null;
            }

            (pin, stream) = (adopted, committed);
        }

        MarkUsed(key);
        return new CachedFile(stream, pin);
    }

    /// <summary>The pinned content of <paramref name="key"/> held open for serving (release it), or null: <see cref="Get"/> without an open per call.</summary>
    public OpenBlob? Acquire(string key)
    {
        if (_table.Get(key) is not { } pin || _blobs.Acquire(pin.Sha256) is not { } blob)
        {
            if (!SharedFolder || Adopt(key) is not { } adopted || _blobs.Acquire(adopted.Sha256) is not { } committed)
            {
                return null;
            }

            blob = committed;
        }

        MarkUsed(key);
        return blob;
    }

    private void MarkUsed(string key)
    {
        var now = DateTime.UtcNow;
        if (_table.Use(key, now))
        {
            try
            {
                File.SetLastWriteTimeUtc(Layout.PinPath(key), now);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <exception cref="CacheWriteException">The disk refused the pin or the content; no content is left without a pin.</exception>
    public async Task<CommitOutcome> PutAsync(string key, HashedTempFile content, string? h1, CancellationToken cancellationToken)
    {
        CommitOutcome outcome;

        // The new pin is written before the commit lock (while the content's own sync may still run), so the lock is
        // held for renames only; a key pinned already needs none. It is not synced: a pin that a power loss drops or
        // empties is a pin never written (its rename is not synced either, and an unreadable pin file is ignored), and
        // the content it names was synced, or is checked when opened (HashedTempFile.UnsyncedLimit).
        var pin = new PinRecord(key, content.Sha256, content.Size, h1, DateTimeOffset.UtcNow);
        using var preparedPin = _table.Get(key) is null
            ? await AtomicFile.PrepareAsync(Layout, Path.GetFileName(Layout.PinPath(key)), JsonSerializer.SerializeToUtf8Bytes(pin, CacheJsonContext.Default.PinRecord), cancellationToken, sync: false)
            : null;
        await content.Durable;

        // Pin writes are small and rare; one at a time keeps "first pin wins" true on disk as well as in memory.
        await _commitLock.WaitAsync(cancellationToken);
        try
        {
            outcome = PutLocked(key, content, pin, preparedPin);
        }
        finally
        {
            _commitLock.Release();
        }

        if (outcome.Status != CommitStatus.ContentChanged)
        {
            // Restored content counts as much as new content; what was just put is about to be served, so it stays.
            EvictIfOverBound(keep: content.Sha256);
        }

        return outcome;
    }

    private CommitOutcome PutLocked(string key, HashedTempFile content, PinRecord pin, AtomicFile.PreparedFile? preparedPin)
    {
        if (SharedFolder && _table.Get(key) is null && ReadPinFile(key) is { } committed)
        {
            // Another replica pinned it first; its pin stands.
            _table.Add(committed, DateTime.UtcNow, _blobs.Has);
        }

        var existing = _table.Get(key);
        if (existing is not null && existing.Sha256 != content.Sha256)
        {
            return new CommitOutcome(CommitStatus.ContentChanged, existing, content.Sha256, _blobs.Has(existing.Sha256));
        }

        if (existing is not null)
        {
            _blobs.Add(content);
            _table.ContentAdded(existing, _blobs.Has);
            return new CommitOutcome(CommitStatus.Unchanged, existing);
        }

        // The pin first: if the disk then refuses the content, the pin stands as if its content had been evicted
        // (the first bytes stay pinned); content without a pin would be an orphan no one ever evicts. Pins never leave
        // the table, so a key unpinned here was unpinned before the lock too, and its pin was prepared then.
        (preparedPin ?? throw new InvalidOperationException($"{key}: unpinned, but no pin was prepared")).MoveTo(Layout.PinPath(key));

        var added = false;
        try
        {
            _blobs.Add(content);
            added = true;
        }
        finally
        {
            // Content just added is present without a look at the disk.
            _table.Add(pin, DateTime.UtcNow, added ? static _ => true : _blobs.Has);
        }

        return new CommitOutcome(CommitStatus.Stored, pin);
    }

    /// <summary>
    /// Evicts least recently used content until the size bound holds; snapshot content is never evicted, nor
    /// <paramref name="keep"/> (a file larger than the whole bound is kept until the next put).
    /// </summary>
    private void EvictIfOverBound(string keep)
    {
        if (_maxBytes is not { } max || _table.ContentBytes <= max)
        {
            return;
        }

        var held = new HashSet<string>(_protectedHashes(), StringComparer.Ordinal) { keep };
        foreach (var pin in _table.Evict(max, held, TryDelete))
        {
            _logger.LogInformation("Evicted {Key} ({Size} bytes) to stay under {MaxBytes} bytes", pin.Key, pin.Size, max);
        }
    }

    private bool TryDelete(string sha256)
    {
        try
        {
            _blobs.Delete(sha256);
            return true;
        }
        catch (IOException e)
        {
            _logger.LogWarning(e, "Could not evict blob {Sha256}", sha256);
            return false;
        }
    }

    /// <summary>A pin another process committed (with its content present), taken into this table; null when there is none yet.</summary>
    private PinRecord? Adopt(string key)
    {
        if (ReadPinFile(key) is not { } pin || !_blobs.Has(pin.Sha256))
        {
            return null;
        }

        var inForce = _table.Add(pin, DateTime.UtcNow, _blobs.Has);
        if (!ReferenceEquals(inForce, pin))
        {
            // Known here with its content gone (evicted by this process); another one brought it back.
            _table.ContentAdded(inForce, _blobs.Has);
        }

        return inForce;
    }

    private PinRecord? ReadPinFile(string key)
    {
        try
        {
            var pin = JsonSerializer.Deserialize(File.ReadAllBytes(Layout.PinPath(key)), CacheJsonContext.Default.PinRecord);
            return pin is not null && pin.Key == key && CacheLayout.IsSha256Hex(pin.Sha256) ? pin : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    private void LoadPins()
    {
        var loaded = new List<(PinRecord Pin, DateTime Time)>();
        foreach (var file in Directory.EnumerateFiles(Layout.PinsFolder, "*.json", SearchOption.AllDirectories))
        {
            try
            {
                var pin = JsonSerializer.Deserialize(File.ReadAllBytes(file), CacheJsonContext.Default.PinRecord);
                if (pin is not null && CacheLayout.IsSha256Hex(pin.Sha256) && Layout.PinPath(pin.Key) == file)
                {
                    loaded.Add((pin, File.GetLastWriteTimeUtc(file)));
                }
                else
                {
                    _logger.LogWarning("Ignoring unreadable pin file {File}", file);
                }
            }
            catch (Exception e) when (e is IOException or JsonException)
            {
                _logger.LogWarning(e, "Ignoring unreadable pin file {File}", file);
            }
        }

        // Oldest first, so the least recently used (by pin file time) are evicted first after a restart.
        foreach (var (pin, time) in loaded.OrderBy(p => p.Time))
        {
            _table.Add(pin, time, _blobs.Has);
        }
    }
}
