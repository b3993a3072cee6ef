using System.Diagnostics.CodeAnalysis;
using GoDocker.ProxyGateway.Snapshots;

namespace GoDocker.ProxyGateway.Protocol;

/// <summary>
/// A raw request path as a module file request and the view it names: <c>/snapshots/&lt;name&gt;/…</c> or the
/// default view. One rule for every way a request reaches the gateway (Kestrel's handler and the sendfile lane).
/// </summary>
public static class ModuleTarget
{
    public const string SnapshotsPrefix = "/snapshots/";

    /// <param name="path">The raw path (no query), starting with '/'.</param>
    /// <param name="snapshot">The snapshot the URL names, or null for the default view.</param>
    public static bool TryParse(string path, out string? snapshot, [NotNullWhen(true)] out ModuleRequest? request, [NotNullWhen(false)] out GatewayFailure? failure)
    {
        snapshot = null;
        var modulePath = path.Length > 0 ? path[1..] : "";
        if (path.StartsWith(SnapshotsPrefix, StringComparison.Ordinal))
        {
            var rest = path[SnapshotsPrefix.Length..];
            var slash = rest.IndexOf('/');
            snapshot = slash < 0 ? rest : rest[..slash];
            if (!SnapshotStore.IsValidName(snapshot))
            {
                request = null;
                failure = GatewayFailure.NotFound($"no snapshot '{snapshot}'");
                return false;
            }

            modulePath = slash < 0 ? "" : rest[(slash + 1)..];
        }

        return ModuleRequestParser.TryParse(modulePath, out request, out failure);
    }
}
