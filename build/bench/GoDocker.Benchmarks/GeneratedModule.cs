using System.IO.Compression;
using System.Text;
using GoDocker.Core.Hashing;
using GoDocker.Core.Modules;

namespace GoDocker.Benchmarks;

/// <summary>A Go module version made up for a benchmark, written in the GOPROXY layout with its go.sum lines.</summary>
public static class GeneratedModule
{
    private static readonly DateTimeOffset Stamp = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Writes list, .info, .mod and .zip under <paramref name="proxyRoot"/>; returns the two go.sum lines.</summary>
    public static async Task<string[]> WriteToProxyAsync(string proxyRoot, string modulePath, string version, int files, int fileBytes)
    {
        var dir = Path.Combine(proxyRoot, ModulePath.EscapePath(modulePath), "@v");
        Directory.CreateDirectory(dir);
        // A +incompatible version is a v2+ release of a module without go.mod: the go command synthesizes its .mod.
        var incompatible = version.EndsWith("+incompatible", StringComparison.Ordinal);
        var goMod = incompatible ? $"module {modulePath}\n" : $"module {modulePath}\n\ngo 1.19\n";
        await File.AppendAllTextAsync(Path.Combine(dir, "list"), version + "\n");
        await File.WriteAllTextAsync(Path.Combine(dir, ModulePath.EscapeVersion(version) + ".info"), $"{{\"Version\":\"{version}\",\"Time\":\"2024-01-01T00:00:00Z\"}}");
        await File.WriteAllTextAsync(Path.Combine(dir, ModulePath.EscapeVersion(version) + ".mod"), goMod);
        var zip = Path.Combine(dir, ModulePath.EscapeVersion(version) + ".zip");
        var package = modulePath[(modulePath.LastIndexOf('/') + 1)..].Replace('-', '_').Replace('.', '_');
        if (!char.IsLetter(package[0])) package = "p" + package;
        WriteZip(zip, modulePath, version, incompatible ? null : goMod, Enumerable.Range(0, files).Select(i =>
            ($"f{i}.go", GoSource(package, i, fileBytes))), CompressionLevel.Optimal);
        return
        [
            $"{modulePath} {version} {await DirHash.HashZipAsync(zip)}",
            $"{modulePath} {version}/go.mod {await DirHash.HashGoModAsync(Encoding.UTF8.GetBytes(goMod))}",
        ];
    }

    /// <summary>A zip of about <paramref name="totalBytes"/> of Go-like source in 256 KiB files, for the hash benchmark.</summary>
    public static void WriteLargeZip(string path, string modulePath, string version, long totalBytes, CompressionLevel level)
    {
        const int fileBytes = 256 << 10;
        var count = (int)Math.Max(1, totalBytes / fileBytes);
        WriteZip(path, modulePath, version, $"module {modulePath}\n", Enumerable.Range(0, count).Select(i =>
            ($"pkg{i / 64}/f{i}.go", GoSource("large", i, fileBytes))), level);
    }

    private static void WriteZip(string path, string modulePath, string version, string? goMod,
        IEnumerable<(string Name, byte[] Content)> files, CompressionLevel level)
    {
        using var stream = File.Create(path);
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create);
        void Add(string name, byte[] content)
        {
            var entry = zip.CreateEntry($"{modulePath}@{version}/{name}", level);
            entry.LastWriteTime = Stamp;
            using var s = entry.Open();
            s.Write(content);
        }
        if (goMod is not null) Add("go.mod", Encoding.UTF8.GetBytes(goMod));
        foreach (var (name, content) in files)
        {
            Add(name, content);
        }
    }

    /// <summary>Deterministic, compilable Go source of the given size: a package of numbered constants.</summary>
    private static byte[] GoSource(string package, int index, int bytes)
    {
        var random = new Random(index);
        var sb = new StringBuilder($"package {package}\n\n", bytes + 64);
        var n = 0;
        while (sb.Length < bytes - 64)
        {
            sb.Append("const C").Append(index).Append('_').Append(n++).Append(" = ").Append(random.NextInt64()).Append('\n');
        }
        return Encoding.UTF8.GetBytes(sb.ToString());
    }
}
