using GoDocker.Core.Hashing;
using GoDocker.Core.Modules;
using System.IO.Compression;
using System.Text;

namespace GoDocker.Sdk.Tests.Infrastructure;

/// <summary>A Go module version made in the test: its zip, go.mod and .info, in the GOPROXY layout.</summary>
public sealed record TestGoModule(string Path, string Version, IReadOnlyDictionary<string, string> Files)
{
    /// <summary>A small library module with a unique path, so no module cache (host or BuildKit mount) has it yet.</summary>
    public static TestGoModule UniqueGreeting() => Greeting($"example.com/godocker-e2e/m{Guid.NewGuid():N}"[..48]);

    /// <summary>The greeting library at <paramref name="path"/>, version v1.0.0.</summary>
    public static TestGoModule Greeting(string path)
    {
        return new TestGoModule(path, "v1.0.0", new Dictionary<string, string>
        {
            ["go.mod"] = $"module {path}\n\ngo 1.19\n",
            ["greeting.go"] = "package greeting\n\n// Hello greets name.\nfunc Hello(name string) string { return \"hello, \" + name }\n",
        });
    }

    public string GoMod => Files["go.mod"];

    /// <summary>The two go.sum lines for this version (content h1 and go.mod h1), as the go command writes them.</summary>
    public async Task<string> GoSumLinesAsync()
    {
        var prefix = $"{Path}@{Version}/";
        var content = await DirHash.Hash1Async(Files.Keys.Select(name => prefix + name),
            (name, _) => ValueTask.FromResult<Stream>(new MemoryStream(Encoding.UTF8.GetBytes(Files[name[prefix.Length..]]))));
        var goMod = await DirHash.HashGoModAsync(Encoding.UTF8.GetBytes(GoMod));
        return $"{Path} {Version} {content}\n{Path} {Version}/go.mod {goMod}\n";
    }

    public IEnumerable<(string UrlPath, byte[] Content)> ProxyFiles()
    {
        var prefix = "/" + ModulePath.EscapePath(Path) + "/@v/";
        yield return (prefix + "list", Encoding.UTF8.GetBytes(Version + "\n"));
        yield return (prefix + Version + ".info", Encoding.UTF8.GetBytes($"{{\"Version\":\"{Version}\",\"Time\":\"2024-01-01T00:00:00Z\"}}"));
        yield return (prefix + Version + ".mod", Encoding.UTF8.GetBytes(GoMod));
        yield return (prefix + Version + ".zip", Zip());
    }

    private byte[] Zip()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in Files.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                var entry = zip.CreateEntry($"{Path}@{Version}/{name}");
                entry.LastWriteTime = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
                using var stream = entry.Open();
                stream.Write(Encoding.UTF8.GetBytes(content));
            }
        }
        return buffer.ToArray();
    }
}
