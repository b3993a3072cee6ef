namespace GoDocker.ProxyGateway.Protocol;

/// <summary>
/// One validated GOPROXY request. Module path and version stay in their escaped form (as sent on the wire):
/// escaping is one-to-one, so the escaped form is a unique key, and it is what upstreams expect.
/// </summary>
public sealed record ModuleRequest(string EscapedModulePath, ModuleFileKind Kind, string? EscapedVersion)
{
    /// <summary>The request's path relative to a GOPROXY base URL, e.g. <c>golang.org/x/text/@v/v0.3.0.zip</c>.</summary>
    public string RelativeUrl => Kind switch
    {
        ModuleFileKind.List => $"{EscapedModulePath}/@v/list",
        ModuleFileKind.Latest => $"{EscapedModulePath}/@latest",
        ModuleFileKind.Info => $"{EscapedModulePath}/@v/{EscapedVersion}.info",
        ModuleFileKind.Mod => $"{EscapedModulePath}/@v/{EscapedVersion}.mod",
        _ => $"{EscapedModulePath}/@v/{EscapedVersion}.zip",
    };

    /// <summary>The module path, unescaped (what GOPRIVATE-style patterns match).</summary>
    public string ModulePath { get; init; } = "";

    /// <summary>The version, unescaped; null for list and @latest.</summary>
    public string? Version { get; init; }

    /// <summary>Cache key; never used as a file name (the store hashes it).</summary>
    public string Key => RelativeUrl;

    public override string ToString() => RelativeUrl;
}
