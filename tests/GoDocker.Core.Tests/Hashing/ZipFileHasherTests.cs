using System.IO.Compression;
using System.Text;
using GoDocker.Core.Hashing;
using GoDocker.Core.Tests.ModuleZip;

namespace GoDocker.Core.Tests.Hashing;

/// <summary>h1 of a zip read straight from the file must equal h1 through ZipArchive, whatever the zip's layout.</summary>
public class ZipFileHasherTests
{
    private static async Task<string> ThroughZipArchive(string zipPath)
    {
        using var zip = ZipFile.OpenRead(zipPath);
        var byName = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
        foreach (var e in zip.Entries) byName[e.FullName] = e;
        return await DirHash.Hash1Async(zip.Entries.Select(e => e.FullName).ToList(), (n, _) => ValueTask.FromResult(byName[n].Open()), TestContext.Current.CancellationToken);
    }

    private static void WriteZip(string path, IEnumerable<(string Name, byte[] Content, CompressionLevel Level)> entries, string? comment = null)
    {
        using var stream = File.Create(path);
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create);
        foreach (var (name, content, level) in entries)
        {
            using var s = zip.CreateEntry(name, level).Open();
            s.Write(content);
        }
        if (comment is not null) zip.Comment = comment;
    }

    private static byte[] Bytes(int size, int seed)
    {
        var b = new byte[size];
        new Random(seed).NextBytes(b);
        return b;
    }

    [Fact]
    public async Task Stored_and_deflated_entries_of_several_sizes_hash_as_through_ZipArchive()
    {
        using var tmp = new ZipTestData.TempDir();
        var zip = Path.Combine(tmp.Path, "m.zip");
        var block = 1 << 20;
        WriteZip(zip, [
            ("m@v1.0.0/go.mod", "module m\n"u8.ToArray(), CompressionLevel.NoCompression),
            ("m@v1.0.0/big.bin", Bytes(block * 2 + 17, 1), CompressionLevel.NoCompression),
            ("m@v1.0.0/text.go", Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("package m // é\n", 200_000))), CompressionLevel.Optimal),
            ("m@v1.0.0/dir/", [], CompressionLevel.NoCompression),
            ("m@v1.0.0/empty.go", [], CompressionLevel.Optimal),
            ("m@v1.0.0/a.bin", Bytes(block - 5, 2), CompressionLevel.NoCompression),
        ], comment: "a comment the end record carries");
        Assert.NotNull(ZipFileHasher.TryHashEntries(zip, TestContext.Current.CancellationToken));
        Assert.Equal(await ThroughZipArchive(zip), await DirHash.HashZipAsync(zip, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_duplicate_name_hashes_the_last_entry_twice_as_go_does()
    {
        using var tmp = new ZipTestData.TempDir();
        var zip = Path.Combine(tmp.Path, "dup.zip");
        WriteZip(zip, [("m@v1/x", "first"u8.ToArray(), CompressionLevel.NoCompression), ("m@v1/x", "second"u8.ToArray(), CompressionLevel.NoCompression)]);
        var expected = await DirHash.Hash1Async(["m@v1/x", "m@v1/x"], (_, _) => ValueTask.FromResult<Stream>(new MemoryStream("second"u8.ToArray())), TestContext.Current.CancellationToken);
        Assert.Equal(expected, await DirHash.HashZipAsync(zip, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_zip_whose_local_header_is_damaged_falls_back_and_fails_as_before()
    {
        using var tmp = new ZipTestData.TempDir();
        var zip = Path.Combine(tmp.Path, "bad.zip");
        WriteZip(zip, [("m@v1/x", "content"u8.ToArray(), CompressionLevel.NoCompression)]);
        var bytes = File.ReadAllBytes(zip);
        bytes[0] = (byte)'X'; // the first local header's signature
        File.WriteAllBytes(zip, bytes);
        Assert.Null(ZipFileHasher.TryHashEntries(zip, TestContext.Current.CancellationToken));
        await Assert.ThrowsAnyAsync<InvalidDataException>(() => DirHash.HashZipAsync(zip, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Not_a_zip_is_left_to_ZipArchive()
    {
        using var tmp = new ZipTestData.TempDir();
        var path = Path.Combine(tmp.Path, "plain.txt");
        File.WriteAllText(path, "not a zip at all, and longer than an end record");
        Assert.Null(ZipFileHasher.TryHashEntries(path, TestContext.Current.CancellationToken));
    }
}
