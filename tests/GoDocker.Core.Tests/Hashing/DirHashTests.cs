using System.Text;
using GoDocker.Core.Hashing;
using GoDocker.Core.Modules;
using GoDocker.Core.Tests.Modules;
using GoDocker.Core.Tests.ModuleZip;

namespace GoDocker.Core.Tests.Hashing;

public class DirHashTests
{
    public static TheoryData<string> Cases => XModTable.Cases("dirhash/hashTests.json");

    private static ValueTask<Stream> Open(Dictionary<string, string> contents, string name) =>
        ValueTask.FromResult<Stream>(new MemoryStream(Encoding.UTF8.GetBytes(contents[name])));

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Hashes_match_the_x_mod_values(string json)
    {
        var c = XModTable.Parse(json);
        var files = c.GetProperty("files").EnumerateArray().Select(f => (f.Str("name"), f.Str("content"))).ToList();
        var contents = files.ToDictionary(f => f.Item1, f => f.Item2);
        var func = c.Str("func");
        var ct = TestContext.Current.CancellationToken;
        using var tmp = new ZipTestData.TempDir();
        Func<Task<string>> run;
        if (func.StartsWith("HashDir", StringComparison.Ordinal))
        {
            ZipTestData.WriteFiles(tmp.Path, files.Select(f => (f.Item1, Encoding.UTF8.GetBytes(f.Item2))));
            run = () => DirHash.HashDirAsync(tmp.Path, c.Str("prefix"), ct);
        }
        else if (func.StartsWith("HashZip", StringComparison.Ordinal))
        {
            var zip = Path.Combine(tmp.Path, "x.zip");
            ModuleZipCaseTests.WriteZip(zip, files.Select(f => (f.Item1, Encoding.UTF8.GetBytes(f.Item2))));
            run = () => DirHash.HashZipAsync(zip, ct);
        }
        else
        {
            run = () => DirHash.Hash1Async(contents.Keys, (n, _) => Open(contents, n), ct);
        }
        if (c.Bool("wantErr"))
        {
            var e = await Assert.ThrowsAsync<ModuleException>(run);
            Assert.Equal("dirhash: filenames with newlines are not supported", e.Message);
        }
        else
        {
            Assert.Equal(c.Str("want"), await run());
        }
    }

    [Fact]
    public async Task Names_sort_by_utf8_bytes_not_utf16_units()
    {
        // UTF-8 puts U+FF61 (EF BD A1) before U+1F600 (F0 9F 98 80); UTF-16 puts it after (FF61 > D83D).
        var a = "\uFF61";
        var b = "\U0001F600";
        Assert.True(string.CompareOrdinal(a, b) > 0);
        Assert.True(GoText.CompareUtf8(a, b) < 0);
        var contents = new Dictionary<string, string> { [a] = "1", [b] = "2" };
        var got = await DirHash.Hash1Async([b, a], (n, _) => Open(contents, n), TestContext.Current.CancellationToken);
        // Expected value: the summary written in UTF-8 byte order, hashed independently here.
        var summary = string.Concat(new[] { a, b }.Select(n =>
            Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(contents[n]))).ToLowerInvariant() + "  " + n + "\n"));
        var want = "h1:" + Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(summary)));
        Assert.Equal(want, got);
    }

    [Fact]
    public async Task GoMod_hash_is_hash1_over_a_file_named_go_mod()
    {
        var data = Encoding.UTF8.GetBytes("module example.com/m\n\ngo 1.13\n");
        var viaZipName = await DirHash.Hash1Async(["go.mod"], (_, _) => ValueTask.FromResult<Stream>(new MemoryStream(data)), TestContext.Current.CancellationToken);
        Assert.Equal(viaZipName, await DirHash.HashGoModAsync(data, TestContext.Current.CancellationToken));
        Assert.StartsWith("h1:", viaZipName);
        Assert.NotEqual(DirHash.EmptyHash, viaZipName);
    }

    [Fact]
    public async Task HashDir_does_not_follow_directory_symlinks()
    {
        var ct = TestContext.Current.CancellationToken;
        using var tmp = new ZipTestData.TempDir();
        ZipTestData.WriteFiles(tmp.Path, [("real/f.txt", "x"u8.ToArray())]);
        Directory.CreateSymbolicLink(Path.Combine(tmp.Path, "link"), Path.Combine(tmp.Path, "real"));
        var names = DirHash.DirFiles(tmp.Path, "p").Keys.Order(StringComparer.Ordinal).ToList();
        // Go's filepath.Walk lists the link itself and never what is behind it.
        Assert.Equal(["p/link", "p/real/f.txt"], names);
        await Assert.ThrowsAnyAsync<Exception>(() => DirHash.HashDirAsync(tmp.Path, "p", ct));
    }
}
