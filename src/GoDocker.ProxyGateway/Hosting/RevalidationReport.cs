using GoDocker.Core.Diagnostics;

namespace GoDocker.ProxyGateway.Hosting;

/// <summary>A pinned file whose upstream now serves other bytes; <see cref="Diagnostic"/> is its GD3050.</summary>
public sealed record ChangedFile(string Key, string Module, string Version, Diagnostic Diagnostic);

/// <summary>
/// A pinned file revalidation could not compare: the upstream no longer has it (<see cref="Gone"/>: 404/410) or did not
/// answer (error status, timeout, connection or body broken off). Never a content change.
/// </summary>
public sealed record UnreachableFile(string Key, string Module, string Version, bool Gone, string Reason);

/// <summary>What one revalidation of the cache against its upstreams found.</summary>
/// <param name="Checked">Pinned files asked for again (changed, unchanged and unreachable).</param>
/// <param name="Skipped">Pinned files of modules a deny rule covers: never sent upstream.</param>
public sealed record RevalidationReport(int Checked, IReadOnlyList<ChangedFile> Changed, IReadOnlyList<UnreachableFile> Unreachable, int Skipped)
{
    public bool ContentChanged => Changed.Count > 0;

    public string Summary =>
        $"{Checked} files checked, {Changed.Count} changed, {Unreachable.Count} unreachable{(Skipped > 0 ? $", {Skipped} skipped (deny rule)" : "")}";
}
