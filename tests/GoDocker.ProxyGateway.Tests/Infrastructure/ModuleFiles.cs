using GoDocker.Core.Modules;

namespace GoDocker.ProxyGateway.Tests.Infrastructure;

/// <summary>The three immutable files of a module version as GOPROXY paths, for pinning them through a gateway.</summary>
internal static class ModuleFiles
{
    public static string[] Of(string modulePath, string version) =>
        new[] { "info", "mod", "zip" }.Select(ext => Path(modulePath, version, ext)).ToArray();

    public static string Path(string modulePath, string version, string ext) =>
        $"{ModulePath.EscapePath(modulePath)}/@v/{ModulePath.EscapeVersion(version)}.{ext}";

    /// <summary>Fetches every file of each "path@version" through the gateway, so the cache pins them.</summary>
    public static async Task PinAsync(HttpClient gateway, params string[] moduleVersions)
    {
        foreach (var mv in moduleVersions)
        {
            var at = mv.LastIndexOf('@');
            foreach (var path in Of(mv[..at], mv[(at + 1)..]))
            {
                (await gateway.GetAsync("/" + path, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
            }
        }
    }
}
