namespace GoDocker.Benchmarks;

/// <summary>
/// The module versions a real project's go.sum names, made up as generated modules in a GOPROXY folder, with a
/// go.mod/go.sum/module list for a client that downloads them all: a real dependency set's shape (count, paths,
/// pseudo-versions, +incompatible), without the network.
/// </summary>
public static class GoSumCorpus
{
    public static async Task<int> WriteAsync(string proxyRoot, string goSumPath, string clientDir, int files, int fileBytes)
    {
        var versions = File.ReadLines(goSumPath)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length == 3 && !f[1].EndsWith("/go.mod", StringComparison.Ordinal))
            .Select(f => (Path: f[0], Version: f[1]))
            .Distinct()
            .ToList();
        Directory.CreateDirectory(clientDir);
        var sum = new List<string>();
        foreach (var (path, version) in versions)
        {
            sum.AddRange(await GeneratedModule.WriteToProxyAsync(proxyRoot, path, version, files, fileBytes));
        }
        await File.WriteAllTextAsync(Path.Combine(clientDir, "go.mod"), "module bench.invalid/coldpath\n\ngo 1.19\n");
        await File.WriteAllLinesAsync(Path.Combine(clientDir, "go.sum"), sum.Order(StringComparer.Ordinal));
        await File.WriteAllLinesAsync(Path.Combine(clientDir, "modules.txt"), versions.Select(v => $"{v.Path}@{v.Version}"));
        return versions.Count;
    }
}
