using System.Collections.Concurrent;
using System.Formats.Tar;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using GoDocker.Core.Diagnostics;
using GoDocker.ProxyGateway.Cache;
using GoDocker.Core.Modules;
using GoDocker.ProxyGateway.Protocol;
using GoDocker.ProxyGateway.Serving;

namespace GoDocker.ProxyGateway.Snapshots;

/// <summary>
/// Snapshots of a cache folder: create, list, select the default view (rollback), export and import as one archive.
/// Manifests are immutable once written; the default view is one small file replaced atomically.
/// </summary>
public sealed partial class SnapshotStore
{
    private const string ManifestEntryName = "manifest.json";
    private const long ChecksumDatabaseAnswerLimit = 16 << 20;
    private static readonly JsonTypeInfo<SnapshotManifest> ManifestJson = CacheJsonContext.Indented.SnapshotManifest;

    private readonly CacheLayout _layout;
    private readonly IModuleCache _cache;
    private readonly IContentStore _content;
    private readonly IListCache _lists;
    private readonly ModuleFileVerifier _verifier;
    private readonly ConcurrentDictionary<string, LoadedSnapshot> _loaded = new(StringComparer.Ordinal);

    // Content of imports in progress: held like a snapshot's, so eviction cannot drop it before the manifest exists.
    private readonly ConcurrentDictionary<string, int> _importing = new(StringComparer.Ordinal);
    private static readonly DateTime MissingFileTime = DateTime.FromFileTimeUtc(0);
    private (DateTime Stamp, string? Name) _view = (DateTime.MinValue, null);

    public SnapshotStore(CacheLayout layout, IModuleCache cache, IContentStore content, IListCache lists, IModuleFileHasher hasher)
    {
        _layout = layout;
        _cache = cache;
        _content = content;
        _lists = lists;
        _verifier = new ModuleFileVerifier(hasher);
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex NamePattern();

    public static bool IsValidName(string name) => NamePattern().IsMatch(name);

    public async Task<SnapshotManifest> CreateAsync(string? name, CancellationToken cancellationToken)
    {
        name ??= DateTimeOffset.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'");
        RequireValidName(name);
        if (File.Exists(ManifestPath(name)))
        {
            throw Fail(DiagnosticCatalog.SnapshotExists, name, _layout.Root);
        }

        var files = _cache.Pins().Where(p => _content.Has(p.Sha256)).OrderBy(p => p.Key, StringComparer.Ordinal).ToArray();
        var lists = _lists.All().OrderBy(l => l.Key, StringComparer.Ordinal).ToArray();
        var manifest = new SnapshotManifest(name, DateTimeOffset.UtcNow, files, lists);
        await WriteManifestAsync(manifest, cancellationToken);
        return manifest;
    }

    public IReadOnlyList<SnapshotSummary> List()
    {
        var view = CurrentView();
        return Directory.EnumerateFiles(_layout.SnapshotsFolder, "*.json")
            .Select(f => Path.GetFileNameWithoutExtension(f))
            .Where(IsValidName)
            .Select(TryLoad)
            .OfType<LoadedSnapshot>()
            .Select(s => s.Manifest)
            .OrderBy(m => m.CreatedAt)
            .Select(m => new SnapshotSummary(m.Name, m.CreatedAt, m.ModuleVersionCount, m.Files.Count, m.TotalBytes, m.Name == view))
            .ToArray();
    }

    /// <summary>Makes <paramref name="name"/> the default view (null: the live cache). One rename, so readers see old or new.</summary>
    public async Task UseAsync(string? name, CancellationToken cancellationToken)
    {
        if (name is not null)
        {
            Get(name);
        }

        await AtomicFile.WriteAllBytesAsync(_layout, _layout.ViewFile, System.Text.Encoding.UTF8.GetBytes(name ?? ""), cancellationToken);
    }

    /// <summary>Forgets the view read last, so the next request reads the view file again whatever its time says.</summary>
    public void ForgetView() => _view = (DateTime.MinValue, null);

    /// <summary>The snapshot serving as default view, or null for the live cache. Notices changes made by other processes.</summary>
    public string? CurrentView()
    {
        DateTime stamp;
        try
        {
            // One stat per request: a missing file reads as 1601-01-01, the time File.GetLastWriteTimeUtc documents for it.
            stamp = File.GetLastWriteTimeUtc(_layout.ViewFile);
            if (stamp == MissingFileTime)
            {
                return null;
            }
        }
        catch (IOException)
        {
            return null;
        }

        var cached = _view;
        if (cached.Stamp == stamp)
        {
            return cached.Name;
        }

        string? name;
        try
        {
            name = File.ReadAllText(_layout.ViewFile).Trim();
        }
        catch (IOException)
        {
            return cached.Name;
        }

        name = name.Length == 0 || !IsValidName(name) ? null : name;
        _view = (stamp, name);
        return name;
    }

    /// <summary>The loaded snapshot, or a GD3051 failure.</summary>
    public LoadedSnapshot Get(string name) =>
        (IsValidName(name) ? TryLoad(name) : null) ?? throw Fail(DiagnosticCatalog.SnapshotNotFound, name, _layout.Root);

    public LoadedSnapshot? TryLoad(string name)
    {
        if (!IsValidName(name))
        {
            return null;
        }

        if (_loaded.TryGetValue(name, out var loaded))
        {
            return loaded;
        }

        try
        {
            var manifest = JsonSerializer.Deserialize(File.ReadAllBytes(ManifestPath(name)), ManifestJson);
            return manifest is null || manifest.Name != name ? null : _loaded.GetOrAdd(name, new LoadedSnapshot(manifest));
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Content hashes held by any snapshot; eviction never removes them.</summary>
    public IReadOnlySet<string> HeldHashes()
    {
        var held = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(_layout.SnapshotsFolder, "*.json"))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            if (IsValidName(name) && TryLoad(name) is { } s)
            {
                held.UnionWith(s.Manifest.Files.Select(f => f.Sha256));
            }
        }

        held.UnionWith(_importing.Keys);
        return held;
    }

    /// <summary>Writes the snapshot and its content as one tar archive (manifest first, then each blob once).</summary>
    public async Task ExportAsync(string name, string archivePath, CancellationToken cancellationToken)
    {
        var snapshot = Get(name);
        var full = Path.GetFullPath(archivePath);
        var temp = full + ".partial";
        try
        {
            await using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await using (var tar = new TarWriter(file, TarEntryFormat.Pax, leaveOpen: true))
                {
                    var manifestBytes = JsonSerializer.SerializeToUtf8Bytes(snapshot.Manifest, ManifestJson);
                    await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, ManifestEntryName) { DataStream = new MemoryStream(manifestBytes) }, cancellationToken);
                    foreach (var sha in snapshot.Manifest.Files.Select(f => f.Sha256).Distinct(StringComparer.Ordinal))
                    {
                        await using var blob = _content.Open(sha) ?? throw Fail(DiagnosticCatalog.SnapshotArchiveInvalid, full, $"content {sha} of snapshot '{name}' is missing from the cache");
                        await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, "blobs/" + sha) { DataStream = blob }, cancellationToken);
                    }

                    // Checksum database answers go along, so GOSUMDB keeps working behind the air gap.
                    foreach (var (entryName, answerFile) in ChecksumDatabaseAnswers())
                    {
                        await using var answer = File.OpenRead(answerFile);
                        await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, entryName) { DataStream = answer }, cancellationToken);
                    }
                }

                file.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>
    /// Imports an exported archive all or nothing: every entry is staged aside in tmp/ and hashed while it is read,
    /// must match its name and the manifest (zips and go.mod files their recorded h1), and only when all of them do
    /// are the pins, lists and the snapshot made visible.
    /// </summary>
    public async Task<SnapshotManifest> ImportAsync(string archivePath, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(archivePath);
        var staged = new Dictionary<string, HashedTempFile>(StringComparer.Ordinal);
        var stagedAnswers = new Dictionary<string, HashedTempFile>(StringComparer.Ordinal);
        try
        {
            SnapshotManifest manifest;
            try
            {
                manifest = await StageArchiveAsync(full, staged, stagedAnswers, cancellationToken);
            }
            catch (Exception e) when (e is InvalidDataException or JsonException or EndOfStreamException or FormatException or NotSupportedException)
            {
                throw Fail(DiagnosticCatalog.SnapshotArchiveInvalid, full, $"it is not a readable snapshot archive ({e.Message})");
            }

            await VerifyAsync(full, manifest, staged, cancellationToken);
            if (File.Exists(ManifestPath(manifest.Name)))
            {
                throw Fail(DiagnosticCatalog.SnapshotExists, manifest.Name, _layout.Root);
            }

            foreach (var sha in staged.Keys)
            {
                _importing.AddOrUpdate(sha, 1, (_, n) => n + 1);
            }

            try
            {
                // The live cache learns the versions too, so an air-gapped gateway serves them without selecting the snapshot.
                foreach (var pin in manifest.Files)
                {
                    await _cache.PutAsync(pin.Key, staged[pin.Sha256], pin.H1, cancellationToken);
                }

                foreach (var list in manifest.Lists)
                {
                    if (_lists.Get(list.Key) is null)
                    {
                        await _lists.PutAsync(list, cancellationToken);
                    }
                }

                CommitChecksumDatabaseAnswers(stagedAnswers);
                await WriteManifestAsync(manifest, cancellationToken);
            }
            finally
            {
                foreach (var sha in staged.Keys)
                {
                    _importing.AddOrUpdate(sha, 0, (_, n) => n - 1);
                    _importing.TryRemove(new KeyValuePair<string, int>(sha, 0));
                }
            }

            return manifest;
        }
        finally
        {
            foreach (var file in staged.Values.Concat(stagedAnswers.Values))
            {
                file.Dispose();
            }
        }
    }

    private string ChecksumDatabaseFolder => Path.Combine(_layout.Root, "sumdb");

    /// <summary>Cached checksum database answers as (archive entry name, file): sumdb/&lt;name&gt;/ab/&lt;sha256 of path&gt;.</summary>
    private IEnumerable<(string Entry, string File)> ChecksumDatabaseAnswers() =>
        Directory.Exists(ChecksumDatabaseFolder)
            ? Directory.EnumerateFiles(ChecksumDatabaseFolder, "*", SearchOption.AllDirectories)
                .Select(f => ("sumdb/" + Path.GetRelativePath(ChecksumDatabaseFolder, f).Replace('\\', '/'), f))
                .Where(e => IsChecksumDatabaseEntry(e.Item1))
                .OrderBy(e => e.Item1, StringComparer.Ordinal)
            : [];

    /// <summary>sumdb/&lt;valid database name&gt;/ab/&lt;64 hex starting with ab&gt;: the only shape the cache writes.</summary>
    private static bool IsChecksumDatabaseEntry(string entry)
    {
        var parts = entry.Split('/');
        return parts.Length == 4 && parts[0] == "sumdb" && ChecksumDatabase.ChecksumDatabaseCache.IsValidName(parts[1])
            && CacheLayout.IsSha256Hex(parts[3]) && parts[2] == parts[3][..2];
    }

    /// <summary>Adds imported answers the cache lacks; answers already here stay (a newer signed tree head included).</summary>
    private void CommitChecksumDatabaseAnswers(Dictionary<string, HashedTempFile> answers)
    {
        foreach (var (entry, staged) in answers)
        {
            var target = Path.Combine(ChecksumDatabaseFolder, entry["sumdb/".Length..]);
            if (File.Exists(target))
            {
                continue;
            }

            try
            {
                staged.MoveTo(target, overwrite: false);
            }
            catch (IOException) when (File.Exists(target))
            {
                // A gateway serving this cache fetched the same answer meanwhile; signed answers do not change.
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CacheWriteException($"cannot store checksum database answer {entry}: {e.Message}", e);
            }
        }
    }

    /// <summary>Reads the manifest and stages every content entry, each checked against its name as it is hashed.</summary>
    private async Task<SnapshotManifest> StageArchiveAsync(string full, Dictionary<string, HashedTempFile> staged, Dictionary<string, HashedTempFile> stagedAnswers, CancellationToken cancellationToken)
    {
        SnapshotManifest? manifest = null;
        await using var file = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous);
        await using var tar = new TarReader(file);
        while (await tar.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
        {
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null)
            {
                throw Fail(DiagnosticCatalog.SnapshotArchiveInvalid, full, $"unexpected entry '{entry.Name}'");
            }

            if (entry.Name == ManifestEntryName && manifest is null)
            {
                manifest = await JsonSerializer.DeserializeAsync(entry.DataStream, ManifestJson, cancellationToken);
                if (manifest?.Name is null || manifest.Files is null || manifest.Lists is null || manifest.Files.Contains(null!) || manifest.Lists.Contains(null!))
                {
                    throw Fail(DiagnosticCatalog.SnapshotArchiveInvalid, full, "the manifest lacks its name, files or lists");
                }

                RequireValidName(manifest.Name);
                continue;
            }

            if (entry.Name.StartsWith("sumdb/", StringComparison.Ordinal))
            {
                // Signed answers: go checks them against its own key, so a forged one fails there, never silently.
                if (!IsChecksumDatabaseEntry(entry.Name) || stagedAnswers.ContainsKey(entry.Name))
                {
                    throw Fail(DiagnosticCatalog.SnapshotArchiveInvalid, full, $"entry '{entry.Name}' is not a checksum database answer");
                }

                stagedAnswers[entry.Name] = await HashedTempFile.WriteAsync(_layout, entry.DataStream, cancellationToken, ChecksumDatabaseAnswerLimit);
                continue;
            }

            var sha = entry.Name.StartsWith("blobs/", StringComparison.Ordinal) ? entry.Name["blobs/".Length..] : "";
            if (manifest is null || !CacheLayout.IsSha256Hex(sha) || staged.ContainsKey(sha) || !manifest.Files.Any(f => f.Sha256 == sha))
            {
                throw Fail(DiagnosticCatalog.SnapshotArchiveInvalid, full, $"entry '{entry.Name}' is not content named by the manifest");
            }

            var content = await HashedTempFile.WriteAsync(_layout, entry.DataStream, cancellationToken, ModuleFileLimits.GoCommand.Zip);
            staged[sha] = content;
            if (content.Sha256 != sha)
            {
                throw Fail(DiagnosticCatalog.SnapshotArchiveInvalid, full, $"content '{entry.Name}' has SHA-256 {content.Sha256}");
            }
        }

        return manifest ?? throw Fail(DiagnosticCatalog.SnapshotArchiveInvalid, full, "no manifest.json");
    }

    /// <summary>
    /// Every key requestable and named once; every file's size, go command checks and h1 as the manifest says (so
    /// a pin cannot point at another module's content); and no version the cache has pinned with other bytes.
    /// </summary>
    private async Task VerifyAsync(string full, SnapshotManifest manifest, Dictionary<string, HashedTempFile> staged, CancellationToken cancellationToken)
    {
        var requests = new Dictionary<string, ModuleRequest>(StringComparer.Ordinal);
        foreach (var (key, immutable) in manifest.Files.Select(f => (f.Key, true)).Concat(manifest.Lists.Select(l => (l.Key, false))))
        {
            // Keys are only ever hashed into file names, but a key no client could request is a forged manifest.
            if (key is null || !ModuleRequestParser.TryParse(key, out var parsed, out _) || parsed.Key != key || parsed.Kind.IsImmutable() != immutable)
            {
                throw Fail(DiagnosticCatalog.SnapshotArchiveInvalid, full, $"'{key}' is not a module proxy path for its section");
            }

            if (!requests.TryAdd(key, parsed))
            {
                throw Fail(DiagnosticCatalog.SnapshotArchiveInvalid, full, $"the manifest names {key} twice");
            }
        }

        foreach (var pin in manifest.Files)
        {
            if (!staged.TryGetValue(pin.Sha256 ?? "", out var content))
            {
                throw Fail(DiagnosticCatalog.SnapshotArchiveInvalid, full, $"content of {pin.Key} is missing");
            }

            if (content.Size != pin.Size)
            {
                throw Fail(DiagnosticCatalog.SnapshotArchiveInvalid, full, $"{pin.Key} is {content.Size} bytes, the manifest records {pin.Size}");
            }

            string? h1;
            try
            {
                h1 = await _verifier.VerifyAsync(requests[pin.Key], content, cancellationToken);
            }
            catch (Exception e) when (e is InvalidDataException or IOException or ModuleException or NotSupportedException)
            {
                throw Fail(DiagnosticCatalog.SnapshotArchiveInvalid, full, $"{pin.Key}: {e.Message}");
            }

            if (h1 != pin.H1)
            {
                throw Fail(DiagnosticCatalog.SnapshotArchiveInvalid, full, $"{pin.Key} hashes to {h1 ?? "no h1"}, the manifest records {pin.H1 ?? "none"}");
            }
        }

        var pinned = _cache.Pins().ToDictionary(p => p.Key, StringComparer.Ordinal);
        var conflicts = manifest.Files.Where(f => pinned.TryGetValue(f.Key, out var p) && p.Sha256 != f.Sha256).Select(f => f.Key).ToArray();
        if (conflicts.Length > 0)
        {
            throw Fail(DiagnosticCatalog.SnapshotArchiveInvalid, full,
                $"{conflicts.Length} file(s) have other bytes than this cache has pinned for the same version ({string.Join(", ", conflicts.Take(5))}{(conflicts.Length > 5 ? ", …" : "")}); a pinned version never changes");
        }
    }

    private async Task WriteManifestAsync(SnapshotManifest manifest, CancellationToken cancellationToken) =>
        await AtomicFile.WriteAllBytesAsync(_layout, ManifestPath(manifest.Name), JsonSerializer.SerializeToUtf8Bytes(manifest, ManifestJson), cancellationToken);

    private string ManifestPath(string name) => Path.Combine(_layout.SnapshotsFolder, name + ".json");

    private static void RequireValidName(string name)
    {
        if (!IsValidName(name))
        {
            throw Fail(DiagnosticCatalog.InvalidSnapshotName, name);
        }
    }

    private static DiagnosticException Fail(DiagnosticDescriptor descriptor, params object?[] args) => new(descriptor.Create(args));
}

/// <summary>A snapshot manifest indexed for serving.</summary>
public sealed class LoadedSnapshot
{
    public LoadedSnapshot(SnapshotManifest manifest)
    {
        Manifest = manifest;
        Files = manifest.Files.ToDictionary(f => f.Key, StringComparer.Ordinal);
        Lists = manifest.Lists.ToDictionary(l => l.Key, StringComparer.Ordinal);
    }

    public SnapshotManifest Manifest { get; }
    public IReadOnlyDictionary<string, PinRecord> Files { get; }
    public IReadOnlyDictionary<string, ListRecord> Lists { get; }
}
