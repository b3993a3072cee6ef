using System.Formats.Tar;
using GoDocker.Core.Diagnostics;
using GoDocker.ProxyGateway.Tests.Infrastructure;
using static GoDocker.ProxyGateway.Tests.Infrastructure.CacheContent;

namespace GoDocker.ProxyGateway.Tests;

public sealed class SnapshotTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SnapshotsShareContentWithTheCacheAndFreezeTheSetOfVersions()
    {
        using var temp = new TempFolder();
        var folder = new ModuleFolder(temp.Sub("upstream")).Add("example.invalid/m", "v1.0.0");
        await using var upstream = await TestUpstream.StartAsync(folder);
        await using var gateway = await Gateways.StartAsync(temp.Sub("cache"), upstream.Address);
        using var http = Gateways.Client(gateway);
        await http.GetByteArrayAsync("/example.invalid/m/@v/v1.0.0.zip", Ct);
        await http.GetStringAsync("/example.invalid/m/@v/v1.0.0.mod", Ct);
        var blobsBefore = Directory.EnumerateFiles(temp.Sub("cache/blobs"), "*", SearchOption.AllDirectories).Count();

        var first = await gateway.Snapshots.CreateAsync("one", Ct);
        folder.Add("example.invalid/m", "v1.1.0");
        await http.GetStringAsync("/example.invalid/m/@v/v1.1.0.mod", Ct);
        await http.GetByteArrayAsync("/example.invalid/m/@v/v1.1.0.zip", Ct);
        await gateway.Snapshots.CreateAsync("two", Ct);

        // No copies: two snapshots and the cache hold one blob per distinct content (v1.1.0's go.mod equals v1.0.0's).
        Assert.Equal(2, first.Files.Count);
        Assert.Equal(2, blobsBefore);
        Assert.Equal(3, Directory.EnumerateFiles(temp.Sub("cache/blobs"), "*", SearchOption.AllDirectories).Count());
        Assert.Equal(["one", "two"], gateway.Snapshots.List().Select(s => s.Name));
        Assert.Equal("v1.0.0\n", await http.GetStringAsync("/snapshots/one/example.invalid/m/@v/list", Ct));
        Assert.Equal(404, (int)(await http.GetAsync("/snapshots/one/example.invalid/m/@v/v1.1.0.mod", Ct)).StatusCode);
        Assert.Equal(200, (int)(await http.GetAsync("/snapshots/two/example.invalid/m/@v/v1.1.0.mod", Ct)).StatusCode);
        Assert.Equal(404, (int)(await http.GetAsync("/snapshots/nope/example.invalid/m/@v/v1.1.0.mod", Ct)).StatusCode);
        var duplicate = await Assert.ThrowsAsync<DiagnosticException>(() => gateway.Snapshots.CreateAsync("one", Ct));
        Assert.Equal("GD3053", duplicate.Diagnostic.Code);
    }

    [Fact]
    public async Task UseSwitchesTheDefaultViewAtomicallyAndBack()
    {
        using var temp = new TempFolder();
        var folder = new ModuleFolder(temp.Sub("upstream")).Add("example.invalid/m", "v1.0.0");
        await using var upstream = await TestUpstream.StartAsync(folder);
        await using var gateway = await Gateways.StartAsync(temp.Sub("cache"), upstream.Address);
        using var http = Gateways.Client(gateway);
        await http.GetStringAsync("/example.invalid/m/@v/v1.0.0.mod", Ct);
        await gateway.Snapshots.CreateAsync("good", Ct);
        folder.Add("example.invalid/m", "v1.1.0");
        await http.GetStringAsync("/example.invalid/m/@v/v1.1.0.mod", Ct);

        // Rollback: the default view is the snapshot, read-only (no upstream fetch for what it lacks).
        await gateway.Snapshots.UseAsync("good", Ct);
        var before = upstream.TotalRequests;
        Assert.Equal(404, (int)(await http.GetAsync("/example.invalid/m/@v/v1.1.0.mod", Ct)).StatusCode);
        Assert.Equal(200, (int)(await http.GetAsync("/example.invalid/m/@v/v1.0.0.mod", Ct)).StatusCode);
        Assert.Equal(before, upstream.TotalRequests);
        Assert.True(gateway.Snapshots.List().Single().IsDefaultView);

        await gateway.Snapshots.UseAsync(null, Ct);
        Assert.Equal(200, (int)(await http.GetAsync("/example.invalid/m/@v/v1.1.0.mod", Ct)).StatusCode);
        var missing = await Assert.ThrowsAsync<DiagnosticException>(() => gateway.Snapshots.UseAsync("missing", Ct));
        Assert.Equal("GD3051", missing.Diagnostic.Code);
    }

    [Fact]
    public async Task ImportRefusesAnArchiveWhoseContentDoesNotMatchItsManifest()
    {
        using var temp = new TempFolder();
        var folder = new ModuleFolder(temp.Sub("upstream")).Add("example.invalid/m", "v1.0.0");
        await using var upstream = await TestUpstream.StartAsync(folder);
        await using var gateway = await Gateways.StartAsync(temp.Sub("cache"), upstream.Address);
        using var http = Gateways.Client(gateway);
        await http.GetByteArrayAsync("/example.invalid/m/@v/v1.0.0.zip", Ct);
        await gateway.Snapshots.CreateAsync("s", Ct);
        var archive = temp.Sub("s.tar");
        await gateway.Snapshots.ExportAsync("s", archive, Ct);

        // Flip one byte of the content entry, keeping the archive well-formed.
        var tampered = temp.Sub("tampered.tar");
        await using (var input = File.OpenRead(archive))
        await using (var output = File.Create(tampered))
        await using (var reader = new TarReader(input))
        await using (var writer = new TarWriter(output, TarEntryFormat.Pax))
        {
            while (await reader.GetNextEntryAsync(copyData: true, Ct) is { } entry)
            {
                if (entry.Name.StartsWith("blobs/", StringComparison.Ordinal))
                {
                    var bytes = new MemoryStream();
                    await entry.DataStream!.CopyToAsync(bytes, Ct);
                    var data = bytes.ToArray();
                    data[data.Length / 2] ^= 0xff;
                    entry.DataStream = new MemoryStream(data);
                }

                await writer.WriteEntryAsync(entry, Ct);
            }
        }

        await using var other = await Gateways.StartAsync(temp.Sub("other"), null, o => o with { Offline = true });
        var e = await Assert.ThrowsAsync<DiagnosticException>(() => other.Snapshots.ImportAsync(tampered, Ct));
        Assert.Equal("GD3054", e.Diagnostic.Code);
        Assert.Empty(other.Snapshots.List());
        Assert.Empty(other.Cache.Pins());

        var good = await other.Snapshots.ImportAsync(archive, Ct);
        Assert.Equal("s", good.Name);
        using var otherHttp = Gateways.Client(other);
        Assert.Equal(await http.GetByteArrayAsync("/example.invalid/m/@v/v1.0.0.zip", Ct), await otherHttp.GetByteArrayAsync("/example.invalid/m/@v/v1.0.0.zip", Ct));
    }

    [Fact]
    public async Task ImportRefusesAManifestNamingFilesNoClientCouldRequest()
    {
        using var temp = new TempFolder();
        var content = "module x\n"u8.ToArray();
        var sha = Sha256Of(content);
        var manifest = $$"""{"name":"forged","createdAt":"2026-01-01T00:00:00Z","files":[{"key":"../../etc/@v/v1.0.0.mod","sha256":"{{sha}}","size":{{content.Length}},"h1":null,"storedAt":"2026-01-01T00:00:00Z"}],"lists":[]}""";
        var archive = temp.Sub("forged.tar");
        await using (var file = File.Create(archive))
        await using (var writer = new TarWriter(file, TarEntryFormat.Pax))
        {
            await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, "manifest.json") { DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(manifest)) }, Ct);
            await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, "blobs/" + sha) { DataStream = new MemoryStream(content) }, Ct);
        }

        await using var gateway = await Gateways.StartAsync(temp.Sub("cache"), null, o => o with { Offline = true });
        var e = await Assert.ThrowsAsync<DiagnosticException>(() => gateway.Snapshots.ImportAsync(archive, Ct));
        Assert.Equal("GD3054", e.Diagnostic.Code);
        Assert.Empty(gateway.Cache.Pins());
    }

    [Theory]
    [InlineData("../x")]
    [InlineData(".hidden")]
    [InlineData("a/b")]
    [InlineData("")]
    public async Task RefusesSnapshotNamesThatCouldEscapeTheFolder(string name)
    {
        using var temp = new TempFolder();
        await using var gateway = await Gateways.StartAsync(temp.Sub("cache"), null);
        var e = await Assert.ThrowsAsync<DiagnosticException>(() => gateway.Snapshots.CreateAsync(name, Ct));
        Assert.Equal("GD3052", e.Diagnostic.Code);
    }
}
