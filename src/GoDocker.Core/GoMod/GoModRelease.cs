using System.Text.RegularExpressions;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.GoMod;

/// <summary>
/// The go.mod grammar of one Go release's go command (<c>go 1.N</c>): which directives it knows and which go versions
/// it accepts. An older go rejects newer directives at their lines ("unknown directive: toolchain") and, before 1.21,
/// any go version with a patch or pre-release part ("invalid go version '1.21.0': must match format 1.23").
/// </summary>
public sealed partial record GoModRelease(int Minor)
{
    /// <summary>The newest release this grammar knows; it accepts everything the parser does.</summary>
    public static GoModRelease Latest { get; } = new(ModFileJson.LatestGoMinor);

    /// <summary>Whether go1.Minor's modfile parser has the directive at all (line or block).</summary>
    public bool Knows(string verb) => verb switch
    {
        "retract" => Minor >= 16,
        "toolchain" => Minor >= 21,
        "godebug" => Minor >= 23,
        "tool" => Minor >= 24,
        "ignore" => Minor >= 25,
        _ => true,
    };

    /// <summary>modfile.GoVersionRE of this release.</summary>
    public bool IsGoVersion(string version) =>
        Minor >= 21 ? ModRules.IsGoVersion(version) : MinorOnlyGoVersion().IsMatch(version);

    /// <summary>The example this release's go command gives in "must match format".</summary>
    public string GoVersionFormat => Minor >= 21 ? "1.23.0" : "1.23";

    /// <summary>
    /// What this release's go command rejects in a main module's go.mod that the newest accepts: a directive it does
    /// not know (GD2007) or a go version it cannot read (GD2008), each at its line. Empty when the file is fine for
    /// this release, or broken for every release (the ordinary parse reports that).
    /// </summary>
    public IReadOnlyList<Diagnostic> ProblemsIn(string path, byte[] data)
    {
        if (GoModFile.TryParse(path, data, out _) is null)
        {
            return [];
        }
        try
        {
            GoModFile.Parse(path, data, this);
            return [];
        }
        catch (ModParseException e)
        {
            return e.Errors.Select(error => UnknownDirective().Match(error.Message) is { Success: true } unknown
                    ? DiagnosticCatalog.UnknownDirective.Create(new SourceLocation(path, error.Line, 1), unknown.Groups["verb"].Value)
                    : error.ToDiagnostic(DiagnosticCatalog.InvalidGoVersion, path))
                .ToList();
        }
    }

    /// <summary>Reads "1.19", "go1.19" or "1.19.3" (the patch is irrelevant to the grammar); null for anything else.</summary>
    public static GoModRelease? TryParse(string text)
    {
        var m = ReleaseText().Match(text.Trim());
        return m.Success && int.TryParse(m.Groups["minor"].Value, out var minor) ? new GoModRelease(minor) : null;
    }

    public override string ToString() => $"go1.{Minor}";

    [GeneratedRegex(@"\Aunknown (?:directive|block type): (?<verb>\S+)")]
    private static partial Regex UnknownDirective();

    [GeneratedRegex(@"\A([1-9][0-9]*)\.(0|[1-9][0-9]*)\z")]
    private static partial Regex MinorOnlyGoVersion();

    [GeneratedRegex(@"\A(?:go)?1\.(?<minor>0|[1-9][0-9]{0,2})(?:\.(?:0|[1-9][0-9]*)|(?:rc|beta)[1-9][0-9]*)?\z")]
    private static partial Regex ReleaseText();
}
