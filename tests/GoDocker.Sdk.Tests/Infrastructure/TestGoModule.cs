using GoDocker.Core.Modules;
using System.IO.Compression;
using System.Text;

namespace GoDocker.Sdk.Tests.Infrastructure;

/// <summary>A Go module version made in the test: its zip, go.mod and .info, in the GOPROXY layout.</summary>
public sealed record TestGoModule(string Path, string Version, IReadOnlyDictionary<string, string> Files)
{
    /// <summary>A small library module with a unique path, so no module cache (host or BuildKit mount) has it yet.</summary>
    public static TestGoModule UniqueGreeting()
    {
        var path = $"example.com/godocker-e2e/m{Guid.NewGuid():N}"[..48];
        return new TestGoModule(path, "v1.0.0", new Dictionary<string, string>
        {
            ["go.mod"] = $"module {path}\n\ngo 1.19\n",
            ["greeting.go"] = "package greeting\n\n// Hello greets name.\nfunc Hello(name string) string { return \"hello, \" + name }\n",
        });
    }

    public string GoMod => Files["go.mod"];

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
