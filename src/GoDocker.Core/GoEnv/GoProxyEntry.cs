using GoDocker.Core.Modules;

namespace GoDocker.Core.GoEnv;

/// <summary>
/// One entry of a GOPROXY list. <see cref="Url"/> is the URL the go command uses (bare hosts get https://),
/// or "direct"/"off". <see cref="Fallback"/> is the separator that followed the entry.
/// </summary>
public sealed record GoProxyEntry(GoProxyEntryKind Kind, string Url, GoProxyFallback Fallback)
{
    public static GoProxyEntry Direct { get; } = new(GoProxyEntryKind.Direct, "direct", GoProxyFallback.OnNotFound);

    public static GoProxyEntry Off { get; } = new(GoProxyEntryKind.Off, "off", GoProxyFallback.OnNotFound);

    public bool IsProxy => Kind == GoProxyEntryKind.Proxy;

    /// <summary>The URL as the go command prints it in errors (password hidden).</summary>
    public string Redacted => IsProxy && GoUrl.TryParse(Url, out var url, out _) ? url.Redacted() : Url;

    /// <summary>True when the URL carries "user:password@", which would end up in an image layer.</summary>
    public bool HasCredentials => IsProxy && GoUrl.TryParse(Url, out var url, out _) && url.UserInfo is not null;

    /// <summary>The proxy URL for a module path, as <c>$GOPROXY/&lt;escaped module&gt;</c>.</summary>
    public string ModuleUrl(string modulePath) => Url.TrimEnd('/') + "/" + ModulePath.EscapeCase(modulePath);

    public override string ToString() => Url;
}
