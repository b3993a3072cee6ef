using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GoDocker.Core.Diagnostics;
using GoDocker.ProxyGateway.Cache;
using GoDocker.ProxyGateway.Hosting;
using GoDocker.ProxyGateway.Tests.Infrastructure;
using static GoDocker.ProxyGateway.Tests.Infrastructure.CacheContent;

namespace GoDocker.ProxyGateway.Tests;

/// <summary>
/// Forged and broken snapshot archives, each named after what it injects: every one is GD3054, and nothing of it
/// reaches the cache (no pin, no list, no blob, no snapshot, nothing left in tmp/); pinned bytes never change.
/// </summary>
public sealed class SnapshotImportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Bytes_that_are_not_a_tar_archive_are_GD3054()
    {
        using var temp = new TempFolder();
        var archive = temp.Sub("garbage.tar");
        File.WriteAllBytes(archive, RandomNumberGenerator.GetBytes(5000));

        await AssertRefusedAsync(temp, archive, "not a readable snapshot archive");
    }

    [Fact]
    public async Task A_manifest_that_is_not_JSON_is_GD3054()
    {
        using var temp = new TempFolder();
        var archive = await WriteArchiveAsync(temp, Encoding.UTF8.GetBytes("{\"name\": \"s\", \"files\": [ oops"));

        await AssertRefusedAsync(temp, archive, "not a readable snapshot archive");
    }

    [Fact]
    public async Task A_manifest_naming_one_version_twice_is_GD3054_and_imports_nothing()
    {
        using var temp = new TempFolder();
        var (files, blobs) = await ModuleFilesAsync(temp, "example.invalid/m", "v1.0.0", "one");
        var (other, otherBlobs) = await ModuleFilesAsync(temp, "example.invalid/m", "v1.0.0", "two");
        var zip = other.Single(f => f.Key.EndsWith(".zip", StringComparison.Ordinal));
        var archive = await WriteArchiveAsync(temp, Manifest(files.Append(zip), []), blobs.Concat(otherBlobs.Where(b => b.Key == zip.Sha256)).ToArray());

        await AssertRefusedAsync(temp, archive, "the manifest names example.invalid/m/@v/v1.0.0.zip twice");
    }

    [Fact]
    public async Task A_size_field_that_disagrees_with_the_content_is_GD3054()
    {
        using var temp = new TempFolder();
        var (files, blobs) = await ModuleFilesAsync(temp, "example.invalid/m", "v1.0.0", "one");
        var forged = files.Select(f => f.Key.EndsWith(".mod", StringComparison.Ordinal) ? f with { Size = 1 } : f);
        var archive = await WriteArchiveAsync(temp, Manifest(forged, []), blobs);

        await AssertRefusedAsync(temp, archive, "example.invalid/m/@v/v1.0.0.mod is");
    }

    [Fact]
    public async Task A_zip_pin_without_h1_pointing_at_another_modules_zip_is_GD3054()
    {
        using var temp = new TempFolder();
        var (files, blobs) = await ModuleFilesAsync(temp, "example.invalid/m", "v1.0.0", "one");
        var (evil, evilBlobs) = await ModuleFilesAsync(temp, "evil.invalid/x", "v1.0.0", "payload");
        var evilZip = evil.Single(f => f.Key.EndsWith(".zip", StringComparison.Ordinal));
        var forged = files.Select(f => f.Key.EndsWith(".zip", StringComparison.Ordinal) ? f with { Sha256 = evilZip.Sha256, Size = evilZip.Size, H1 = null } : f);
        var archive = await WriteArchiveAsync(temp, Manifest(forged, []),
            blobs.Where(b => files.Any(f => f.Sha256 == b.Key && !f.Key.EndsWith(".zip", StringComparison.Ordinal))).Concat(evilBlobs.Where(b => b.Key == evilZip.Sha256)).ToArray());

        await AssertRefusedAsync(temp, archive, "example.invalid/m/@v/v1.0.0.zip: not a valid module zip");
    }

    [Fact]
    public async Task A_go_mod_pin_with_a_forged_h1_is_GD3054()
    {
        using var temp = new TempFolder();
        var (files, blobs) = await ModuleFilesAsync(temp, "example.invalid/m", "v1.0.0", "one");
        var forged = files.Select(f => f.Key.EndsWith(".mod", StringComparison.Ordinal) ? f with { H1 = "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=" } : f);
        var archive = await WriteArchiveAsync(temp, Manifest(forged, []), blobs);

        await AssertRefusedAsync(temp, archive, "the manifest records h1:AAAA");
    }

    [Fact]
    public async Task Other_bytes_for_a_version_the_cache_has_pinned_are_counted_and_GD3054_and_the_pin_keeps_its_bytes()
    {
        using var temp = new TempFolder();
        var folder = new ModuleFolder(temp.Sub("upstream")).Add("example.invalid/m", "v1.0.0", "original");
        await using (var upstream = await TestUpstream.StartAsync(folder))
        await using (var gateway = await Gateways.StartAsync(temp.Sub("cache"), upstream.Address))
        {
            using var http = Gateways.Client(gateway);
            await ModuleFiles.PinAsync(http, "example.invalid/m@v1.0.0");
        }

        var (pinnedCache, _) = ProxyGatewayHost.OpenCache(new GatewayOptions { CacheDirectory = temp.Sub("cache") });
        var pinnedBefore = pinnedCache.Pins().OrderBy(p => p.Key).ToArray();
        var (files, blobs) = await ModuleFilesAsync(temp, "example.invalid/m", "v1.0.0", "re-published");
        var archive = await WriteArchiveAsync(temp, Manifest(files, []), blobs);

        var e = await Assert.ThrowsAsync<DiagnosticException>(() => OpenCache(temp).Snapshots.ImportAsync(archive, Ct));

        Assert.Equal("GD3054", e.Diagnostic.Code);
        Assert.Contains("1 file(s) have other bytes than this cache has pinned for the same version (example.invalid/m/@v/v1.0.0.zip)", e.Diagnostic.Message);
        var after = OpenCache(temp);
        Assert.Equal(pinnedBefore, after.Cache.Pins().OrderBy(p => p.Key).ToArray());
        Assert.All(pinnedBefore, p => Assert.True(after.Blobs.Has(p.Sha256)));
        AssertNothingLeft(temp, pinnedBefore.Select(p => p.Sha256));
    }

    [Fact]
    public async Task A_second_bad_entry_leaves_nothing_of_a_first_good_one()
    {
        using var temp = new TempFolder();
        var (files, blobs) = await ModuleFilesAsync(temp, "example.invalid/m", "v1.0.0", "one");
        var (more, moreBlobs) = await ModuleFilesAsync(temp, "example.invalid/n", "v1.0.0", "two");
        var badZip = moreBlobs.Single(b => more.Single(f => f.Key.EndsWith(".zip", StringComparison.Ordinal)).Sha256 == b.Key);
        var corrupted = moreBlobs.Select(b => b.Key == badZip.Key ? new KeyValuePair<string, byte[]>(b.Key, [.. b.Value.Take(b.Value.Length - 10)]) : b);
        var archive = await WriteArchiveAsync(temp, Manifest(files.Concat(more), [new ListRecord("example.invalid/m/@v/list", "v1.0.0\n", DateTimeOffset.UtcNow)]), blobs.Concat(corrupted).DistinctBy(b => b.Key).ToArray());

        await AssertRefusedAsync(temp, archive, "has SHA-256");
    }

    private static OpenedCache OpenCache(TempFolder temp) => ProxyGatewayHost.OpenCache(new GatewayOptions { CacheDirectory = temp.Sub("cache") });

    private static async Task AssertRefusedAsync(TempFolder temp, string archive, string reason)
    {
        var e = await Assert.ThrowsAsync<DiagnosticException>(() => OpenCache(temp).Snapshots.ImportAsync(archive, Ct));

        Assert.Equal("GD3054", e.Diagnostic.Code);
        Assert.Contains(reason, e.Diagnostic.Message);
        var after = OpenCache(temp);
        Assert.Empty(after.Cache.Pins());
        Assert.Empty(after.Lists.All());
        AssertNothingLeft(temp, []);
    }

    private static void AssertNothingLeft(TempFolder temp, IEnumerable<string> pinnedBlobs)
    {
        Assert.Equal(pinnedBlobs.Distinct().Order(), Directory.EnumerateFiles(temp.Sub("cache/blobs"), "*", SearchOption.AllDirectories).Select(Path.GetFileName).Order());
        Assert.Empty(Directory.EnumerateFiles(temp.Sub("cache/tmp")));
        Assert.Empty(OpenCache(temp).Snapshots.List());
    }

    /// <summary>The three files of a real module version, as pins (with their true h1) and blobs.</summary>
    private static async Task<(PinRecord[] Pins, KeyValuePair<string, byte[]>[] Blobs)> ModuleFilesAsync(TempFolder temp, string module, string version, string content)
    {
        var folder = new ModuleFolder(temp.Sub("src-" + Guid.NewGuid().ToString("N")[..8])).Add(module, version, content);
        var pins = new List<PinRecord>();
        var blobs = new Dictionary<string, byte[]>();
        foreach (var ext in new[] { "info", "mod", "zip" })
        {
            var path = folder.PathOf(module, version, ext);
            var bytes = File.ReadAllBytes(path);
            var sha = Sha256Of(bytes);
            var h1 = ext switch
            {
                "zip" => await GoSumHasher.Instance.HashZipAsync(path, Ct),
                "mod" => await GoSumHasher.Instance.HashGoModAsync(await File.ReadAllBytesAsync(path, Ct), Ct),
                _ => null,
            };
            pins.Add(new PinRecord(ModuleFiles.Path(module, version, ext), sha, bytes.Length, h1, DateTimeOffset.UtcNow));
            blobs[sha] = bytes;
        }

        return ([.. pins], [.. blobs]);
    }

    private static byte[] Manifest(IEnumerable<PinRecord> files, IEnumerable<ListRecord> lists) =>
        JsonSerializer.SerializeToUtf8Bytes(new { name = "forged", createdAt = DateTimeOffset.UtcNow, files, lists }, new JsonSerializerOptions(JsonSerializerDefaults.Web));

    private static async Task<string> WriteArchiveAsync(TempFolder temp, byte[] manifest, params KeyValuePair<string, byte[]>[] blobs)
    {
        var archive = temp.Sub($"archive-{Guid.NewGuid():N}.tar");
        await using var file = File.Create(archive);
        await using var writer = new TarWriter(file, TarEntryFormat.Pax);
        await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, "manifest.json") { DataStream = new MemoryStream(manifest) }, Ct);
        foreach (var (sha, bytes) in blobs)
        {
            await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, "blobs/" + sha) { DataStream = new MemoryStream(bytes) }, Ct);
        }

        return archive;
    }
}
