using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Projects;

/// <summary>
/// Reads GoBuildSecret items from their metadata (File, Env, Kind, Host, User, KnownHosts), as the MSBuild task and
/// the CLI both receive them, so a misspelt Kind is an error rather than a silent netrc.
/// </summary>
public static class GoBuildSecretItems
{
    /// <summary>The metadata a GoBuildSecret item can carry.</summary>
    public static IReadOnlyList<string> MetadataNames { get; } = ["File", "Env", "Kind", "Host", "User", "KnownHosts"];

    public static (IReadOnlyList<GoBuildSecret> Secrets, IReadOnlyList<Diagnostic> Diagnostics) Read(
        IEnumerable<(string Id, Func<string, string?> Metadata)> items, ProjectFilePositions positions)
    {
        var secrets = new List<GoBuildSecret>();
        var diagnostics = new List<Diagnostic>();
        foreach (var (id, metadata) in items)
        {
            string? Get(string name) => metadata(name) is { Length: > 0 } value ? value : null;
            var kind = GoBuildSecretKind.Netrc;
            if (Get("Kind") is { } kindText && !Enum.TryParse(kindText, ignoreCase: true, out kind))
            {
                diagnostics.Add(DiagnosticCatalog.InvalidBuildSecret.Create(positions.Item(ProjectSettingCatalog.GoBuildSecret.Name, id), id,
                    $"Kind '{kindText}' is not one of netrc, token or ssh"));
                continue;
            }
            secrets.Add(new GoBuildSecret(id, Get("File"), Get("Env"), kind, Get("Host"), Get("User"), Get("KnownHosts")));
        }
        return (secrets, diagnostics);
    }
}
