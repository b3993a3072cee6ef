using GoDocker.Core.Modules;
using GoDocker.ProxyGateway.Protocol;

namespace GoDocker.ProxyGateway.Serving;

/// <summary>A list answer made from the versions present (their .mod files), when no upstream list is at hand.</summary>
internal static class VersionListComposer
{
    public static string? Compose(IEnumerable<string> keys, ModuleRequest request)
    {
        var prefix = request.EscapedModulePath + "/@v/";
        var versions = new List<string>();
        foreach (var key in keys)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal) && key.EndsWith(".mod", StringComparison.Ordinal))
            {
                var escaped = key[prefix.Length..^".mod".Length];
                if (!escaped.Contains('/') && ModulePath.TryUnescapeVersion(escaped, out var v, out _) && SemVer.IsValid(v))
                {
                    versions.Add(v);
                }
            }
        }

        if (versions.Count == 0)
        {
            return null;
        }

        SemVer.Sort(versions);
        return string.Concat(versions.Select(v => v + "\n"));
    }
}
