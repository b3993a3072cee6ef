using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GoDocker.Core.GoMod;
using GoDocker.Core.GoSum;
using GoDocker.Core.Modules;

namespace GoDocker.Core.BuildGateways;

/// <summary>
/// Whether a GoModCacheDir already holds everything the deps stage's <c>go mod download</c> asks the build's gateway
/// for: for each module go.sum pins, its .mod (and, with a zip line, its .zip and .info), each pinned with go.sum's
/// own h1 hash and its content present. Then the gateway answers from the folder alone and its upstreams are never
/// asked, so verify need not probe them. Read from the gateway's files as it writes them (pins/ and blobs/ of
/// <c>v{layout}/</c>), read only: a half-written file is invisible to both (they are written atomically).
/// </summary>
public sealed record ModCacheCoverage(int Modules, IReadOnlyList<string> Missing)
{
    public bool IsComplete => Modules > 0 && Missing.Count == 0;

    /// <summary>The verdict line a covered build prints instead of probing upstream.</summary>
    public string Summary => $"all {Modules} modules pinned in go.sum are in GoModCacheDir; upstream not needed";

    /// <summary>What <paramref name="cacheDirectory"/> (GoModCacheDir) holds of what <paramref name="goModFile"/>'s go.sum pins.</summary>
    public static ModCacheCoverage Of(string cacheDirectory, string goModFile)
    {
        var goSumPath = GoSumFile.PathBeside(goModFile);
        if (!File.Exists(goSumPath))
        {
            return new ModCacheCoverage(0, ["go.sum does not exist"]);
        }
        GoSumFile sums;
        try
        {
            sums = GoSumFile.Parse(goSumPath, File.ReadAllText(goSumPath));
        }
        catch (Exception e) when (e is GoSumParseException or IOException or UnauthorizedAccessException)
        {
            return new ModCacheCoverage(0, ["go.sum cannot be read"]);
        }
        if (!HasCurrentLayout(cacheDirectory))
        {
            return new ModCacheCoverage(0, [$"{cacheDirectory} holds no module cache of layout {ModCacheFolder.Layout}"]);
        }
        var missing = new List<string>();
        // A requirement without its go.sum lines makes the go command fetch (or fail): the folder cannot answer for it.
        foreach (var require in RequiredModules(goModFile))
        {
            if (sums.Find(require.Path, require.Version, isGoMod: true) is null)
            {
                missing.Add($"{require.Path} {require.Version} (not in go.sum)");
            }
        }
        var root = Path.Combine(cacheDirectory, ModCacheFolder.CacheFolderName);
        var modules = new HashSet<(string, string)>();
        foreach (var line in sums.Lines)
        {
            modules.Add((line.Path, line.ModuleVersion));
            if (!ModulePath.TryEscapePath(line.Path, out var path, out _) || !ModulePath.TryEscapeVersion(line.ModuleVersion, out var version, out _))
            {
                missing.Add($"{line.Path} {line.Version} (not a module path the gateway serves)");
                continue;
            }
            var prefix = $"{path}/@v/{version}";
            if (line.IsGoMod ? !Holds(root, prefix + ".mod", line.Hash) : !Holds(root, prefix + ".zip", line.Hash) || !Holds(root, prefix + ".info", null))
            {
                missing.Add($"{line.Path} {line.Version}");
            }
        }
        return new ModCacheCoverage(modules.Count, missing);
    }

    private static bool HasCurrentLayout(string directory)
    {
        try
        {
            using var marker = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, ModCacheFolder.MarkerFile)));
            return marker.RootElement.TryGetProperty("layout", out var layout) && layout.TryGetInt32(out var value) && value == ModCacheFolder.Layout;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return false;
        }
    }

    /// <summary>Whether the gateway pinned <paramref name="key"/> (with <paramref name="h1"/> when given) and still holds its content.</summary>
    private static bool Holds(string root, string key, string? h1)
    {
        var name = Sha256Hex(key);
        try
        {
            using var pin = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(root, "pins", name[..2], name + ".json")));
            var pinned = pin.RootElement;
            return pinned.TryGetProperty("key", out var pinnedKey) && pinnedKey.GetString() == key
                && (h1 is null || (pinned.TryGetProperty("h1", out var pinnedH1) && pinnedH1.ValueKind == JsonValueKind.String && pinnedH1.GetString() == h1))
                && pinned.TryGetProperty("sha256", out var sha) && sha.GetString() is { Length: 64 } content && content.All(char.IsAsciiHexDigitLower)
                && File.Exists(Path.Combine(root, "blobs", content[..2], content));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    private static IEnumerable<ModuleVersion> RequiredModules(string goModFile)
    {
        try
        {
            // The main module's go.mod: replace directives count (ParseLax, for dependencies, drops them).
            var file = GoModFile.Parse(goModFile, File.ReadAllText(goModFile));
            // A replaced requirement is fetched as its replacement (or not at all): go.sum pins that instead.
            return file.Require.Select(r => r.Mod).Where(m => !file.Replace.Any(r => r.Old.Path == m.Path)).ToArray();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return []; // go.mod errors are reported by the go.mod checks, with their positions
        }
    }

    private static string Sha256Hex(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();
}
