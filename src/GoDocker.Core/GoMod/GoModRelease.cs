using System.Text.RegularExpressions;

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

    /// <summary>Reads "1.19", "go1.19" or "1.19.3" (the patch is irrelevant to the grammar); null for anything else.</summary>
    public static GoModRelease? TryParse(string text)
    {
        var m = ReleaseText().Match(text.Trim());
        return m.Success && int.TryParse(m.Groups["minor"].Value, out var minor) ? new GoModRelease(minor) : null;
    }

    public override string ToString() => $"go1.{Minor}";

    [GeneratedRegex(@"\A([1-9][0-9]*)\.(0|[1-9][0-9]*)\z")]
    private static partial Regex MinorOnlyGoVersion();

    [GeneratedRegex(@"\A(?:go)?1\.(?<minor>0|[1-9][0-9]{0,2})(?:\.(?:0|[1-9][0-9]*)|(?:rc|beta)[1-9][0-9]*)?\z")]
    private static partial Regex ReleaseText();
}
