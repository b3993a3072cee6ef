using System.IO.Compression;
using System.Text;
using GoDocker.Core.Modules;

namespace GoDocker.ProxyGateway.Tests.Infrastructure;

/// <summary>A folder in GOPROXY layout with small, valid modules written by the test (no network needed).</summary>
public sealed class ModuleFolder
{
    public ModuleFolder(string root)
    {
        Root = root;
        Directory.CreateDirectory(root);
    }

    public string Root { get; }

    /// <summary>file:// URL usable as GOPROXY (the go command reads this layout directly).</summary>
    public string FileUrl => new Uri(Root + "/").ToString().TrimEnd('/');

    public ModuleFolder Add(string modulePath, string version, string? extraFileContent = null, params string[] requires)
    {
        var dir = Path.Combine(Root, ModulePath.EscapePath(modulePath), "@v");
        Directory.CreateDirectory(dir);
        var escapedVersion = ModulePath.EscapeVersion(version);
        var mod = new StringBuilder($"module {modulePath}\n\ngo 1.19\n");
        foreach (var r in requires)
        {
            mod.Append($"\nrequire {r}\n");
        }

        File.WriteAllText(Path.Combine(dir, escapedVersion + ".info"), $"{{\"Version\":\"{version}\",\"Time\":\"2024-01-01T00:00:00Z\"}}\n");
        File.WriteAllText(Path.Combine(dir, escapedVersion + ".mod"), mod.ToString());
        File.WriteAllBytes(Path.Combine(dir, escapedVersion + ".zip"), Zip(modulePath, version, mod.ToString(), extraFileContent));
        var versions = Directory.EnumerateFiles(dir, "*.info").Select(f => ModulePath.UnescapeVersion(Path.GetFileNameWithoutExtension(f))).ToList();
        SemVer.Sort(versions);
        File.WriteAllText(Path.Combine(dir, "list"), string.Concat(versions.Select(v => v + "\n")));
        return this;
    }

    public string PathOf(string modulePath, string version, string ext) =>
        Path.Combine(Root, ModulePath.EscapePath(modulePath), "@v", ModulePath.EscapeVersion(version) + "." + ext);

    public static byte[] Zip(string modulePath, string version, string goMod, string? extra, int padding = 0)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var prefix = $"{modulePath}@{version}/";
            void Add(string name, string content)
            {
                var entry = zip.CreateEntry(prefix + name, CompressionLevel.Fastest);
                entry.LastWriteTime = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
                using var s = entry.Open();
                s.Write(Encoding.UTF8.GetBytes(content));
            }

            Add("go.mod", goMod);
            var pkg = modulePath[(modulePath.LastIndexOf('/') + 1)..].Replace('-', '_').Replace('.', '_');
            Add("lib.go", $"package {pkg}\n\n// Value is {extra ?? "v"}.\nconst Value = \"{extra ?? version}\"\n");
        }

        return buffer.ToArray();
    }
}
