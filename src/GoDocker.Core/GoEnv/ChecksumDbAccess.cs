using GoDocker.Core.Modules;

namespace GoDocker.Core.GoEnv;

/// <summary>
/// One way to the checksum database, in the order cmd/go tries them. For <see cref="ChecksumDbAccessKind.ViaProxy"/>,
/// <see cref="SupportedUrl"/> is probed first and <see cref="Fallback"/> (the proxy's separator) says whether a non-404
/// error moves on or makes the database unavailable.
/// </summary>
public sealed record ChecksumDbAccess(ChecksumDbAccessKind Kind, string BaseUrl, string? SupportedUrl, GoProxyFallback Fallback)
{
    /// <summary>The lookup request for a module version under this base URL.</summary>
    public string LookupUrl(string modulePath, string version) =>
        $"{BaseUrl.TrimEnd('/')}/lookup/{ModulePath.EscapeCase(modulePath)}@{ModulePath.EscapeCase(version)}";
}
