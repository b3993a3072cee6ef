namespace GoDocker.ProxyGateway.Cache;

/// <summary>
/// The pins in memory with their recency and the size of the content present for them. Every read and change of
/// that state, recency included, happens under one lock, so concurrent opens and eviction see one LRU order.
/// </summary>
internal sealed class PinTable
{
    /// <summary>A pin file's time carries recency across restarts; refreshed at most this often per file.</summary>
    private static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    private readonly object _gate = new();
    private readonly Dictionary<string, Entry> _pins = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _contentSizes = new(StringComparer.Ordinal);
    private long _clock;

    private sealed class Entry(PinRecord pin, long lastUse, DateTime lastTouch)
    {
        public PinRecord Pin { get; } = pin;
        public long LastUse { get; set; } = lastUse;
        public DateTime LastTouch { get; set; } = lastTouch;
    }

    /// <summary>Total size of distinct content present.</summary>
    public long ContentBytes
    {
        get
        {
            lock (_gate)
            {
                return _contentSizes.Values.Sum();
            }
        }
    }

    public PinRecord? Get(string key)
    {
        lock (_gate)
        {
            return _pins.TryGetValue(key, out var e) ? e.Pin : null;
        }
    }

    public IReadOnlyList<PinRecord> All()
    {
        lock (_gate)
        {
            return _pins.Values.Select(e => e.Pin).ToArray();
        }
    }

    /// <summary>Pin keys from least to most recently used.</summary>
    public IReadOnlyList<string> KeysByRecency()
    {
        lock (_gate)
        {
            return _pins.Values.OrderBy(e => e.LastUse).Select(e => e.Pin.Key).ToArray();
        }
    }

    /// <summary>Marks <paramref name="key"/> as just used; true when its pin file's time is due for a refresh.</summary>
    public bool Use(string key, DateTime now)
    {
        lock (_gate)
        {
            if (!_pins.TryGetValue(key, out var entry))
            {
                return false;
            }

            entry.LastUse = ++_clock;
            if (now - entry.LastTouch <= TouchInterval)
            {
                return false;
            }

            entry.LastTouch = now;
            return true;
        }
    }

    /// <summary>Adds a pin (most recently used) unless its key is pinned; returns the pin in force.</summary>
    public PinRecord Add(PinRecord pin, DateTime lastTouch, Func<string, bool> contentPresent)
    {
        lock (_gate)
        {
            if (_pins.TryGetValue(pin.Key, out var existing))
            {
                return existing.Pin;
            }

            _pins[pin.Key] = new Entry(pin, ++_clock, lastTouch);
            CountContent(pin, contentPresent);
            return pin;
        }
    }

    /// <summary>Counts the content of <paramref name="pin"/> again after it came back (refetched after eviction): just used.</summary>
    public void ContentAdded(PinRecord pin, Func<string, bool> contentPresent)
    {
        lock (_gate)
        {
            if (_pins.TryGetValue(pin.Key, out var entry))
            {
                entry.LastUse = ++_clock;
            }

            CountContent(pin, contentPresent);
        }
    }

    /// <summary>
    /// Drops least recently used content until at most <paramref name="maxBytes"/> are present, skipping
    /// <paramref name="held"/> hashes and content <paramref name="delete"/> fails to remove. Pins stay: every pin
    /// sharing the content loses it together, and its bytes stay pinned. Returns the pins whose content went.
    /// </summary>
    public IReadOnlyList<PinRecord> Evict(long maxBytes, IReadOnlySet<string> held, Func<string, bool> delete)
    {
        var evicted = new List<PinRecord>();
        lock (_gate)
        {
            var total = _contentSizes.Values.Sum();
            foreach (var entry in _pins.Values.OrderBy(e => e.LastUse).ToArray())
            {
                if (total <= maxBytes)
                {
                    break;
                }

                var sha = entry.Pin.Sha256;
                if (held.Contains(sha) || !_contentSizes.TryGetValue(sha, out var size) || !delete(sha))
                {
                    continue;
                }

                total -= size;
                _contentSizes.Remove(sha);
                evicted.Add(entry.Pin);
            }
        }

        return evicted;
    }

    private void CountContent(PinRecord pin, Func<string, bool> contentPresent)
    {
        if (!_contentSizes.ContainsKey(pin.Sha256) && contentPresent(pin.Sha256))
        {
            _contentSizes[pin.Sha256] = pin.Size;
        }
    }
}
