namespace GoDocker.Core.Modules;

/// <summary>
/// Go toolchain and language versions as cmd/go's gover package reads them: "1.21", "1.21.0", "1.21rc1"
/// (no "go" prefix). Since Go 1.21 the language version "1.21" sorts below "1.21rc1" below "1.21.0".
/// </summary>
public static class GoVersion
{
    /// <summary>A parsed version; numbers stay decimal strings so huge values cannot overflow.</summary>
    public readonly record struct Parts(string Major, string Minor, string Patch, string Kind, string Pre)
    {
        public bool IsZero => Major.Length == 0;

        public static readonly Parts Invalid = new("", "", "", "", "");
    }

    public static bool IsValid(string? x) => !Parse(x).IsZero;

    /// <summary>Whether x names a language version ("1.21") rather than a release ("1.21.0", "1.21rc1").</summary>
    public static bool IsLang(string? x)
    {
        var v = Parse(x);
        return !v.IsZero && v.Patch.Length == 0 && v.Kind.Length == 0 && v.Pre.Length == 0;
    }

    /// <summary>The language version: Lang("1.21.3") == "1.21"; Lang("1.0.1") == "1".</summary>
    public static string Lang(string? x)
    {
        var v = Parse(x);
        if (v.Minor.Length == 0 || (v.Major == "1" && v.Minor == "0")) return v.Major;
        return v.Major + "." + v.Minor;
    }

    /// <summary>-1, 0 or +1; malformed versions sort below well-formed ones and equal to each other.</summary>
    public static int Compare(string? x, string? y)
    {
        var vx = Parse(x);
        var vy = Parse(y);
        var c = SemVer.CompareInt(vx.Major, vy.Major);
        if (c != 0) return c;
        c = SemVer.CompareInt(vx.Minor, vy.Minor);
        if (c != 0) return c;
        c = SemVer.CompareInt(vx.Patch, vy.Patch);
        if (c != 0) return c;
        c = Math.Sign(string.CompareOrdinal(vx.Kind, vy.Kind)); // "" < alpha < beta < rc
        if (c != 0)
        {
            // For a patch release, alpha < beta < rc < "".
            if (vx.Patch.Length > 0)
            {
                if (vx.Kind.Length == 0) c = 1;
                else if (vy.Kind.Length == 0) c = -1;
            }
            return c;
        }
        return SemVer.CompareInt(vx.Pre, vy.Pre);
    }

    public static string Max(string x, string y) => Compare(x, y) < 0 ? y : x;

    /// <summary>
    /// The version named by a toolchain such as <c>go1.21.3</c> or <c>go1.21.3-bigcorp</c>; null if none. As today's
    /// cmd/go gover.FromToolchain: no path separator anywhere; a "go" prefix (so <c>gccgo-go1.21</c> names no
    /// version); a custom suffix after '-', space or tab is dropped (but not after '+'); the rest must be a valid
    /// version. Since cmd/go's gover reads versions through internal/gover, that includes a prerelease of a patch
    /// release (<c>go1.21.3rc1</c> is 1.21.3rc1); Go 1.21's own copy refused those.
    /// </summary>
    public static string? FromToolchain(string name)
    {
        if (name.IndexOfAny(['\\', '/']) >= 0 || !name.StartsWith("go", StringComparison.Ordinal)) return null;
        var v = name[2..];
        if (v.IndexOfAny([' ', '\t', '-']) is var i and >= 0) v = v[..i];
        return IsValid(v) ? v : null;
    }

    /// <summary>Parses x; the zero value (IsZero) means malformed.</summary>
    public static Parts Parse(string? x)
    {
        if (x is null) return Parts.Invalid;
        var pos = 0;
        if (!CutInt(x, ref pos, out var major)) return Parts.Invalid;
        if (pos == x.Length) return new Parts(major, "0", "0", "", ""); // "1" means 1.0.0
        if (x[pos] != '.') return Parts.Invalid;
        pos++;
        if (!CutInt(x, ref pos, out var minor)) return Parts.Invalid;
        if (pos == x.Length)
        {
            // A missing patch means .0 before Go 1.21 and the language version from 1.21 on.
            return new Parts(major, minor, SemVer.CompareInt(minor, "21") < 0 ? "0" : "", "", "");
        }
        if (x[pos] == '.')
        {
            pos++;
            if (!CutInt(x, ref pos, out var patch)) return Parts.Invalid;
            if (pos == x.Length) return new Parts(major, minor, patch, "", "");
            return ParsePrerelease(x[pos..], out var k, out var p) ? new Parts(major, minor, patch, k, p) : Parts.Invalid;
        }
        return ParsePrerelease(x[pos..], out var kind, out var pre) ? new Parts(major, minor, "", kind, pre) : Parts.Invalid;
    }

    private static bool ParsePrerelease(string x, out string kind, out string pre)
    {
        kind = pre = "";
        var i = 0;
        while (i < x.Length && x[i] is < '0' or > '9')
        {
            if (x[i] is < 'a' or > 'z') return false;
            i++;
        }
        if (i == 0) return false;
        kind = x[..i];
        if (i == x.Length) return true;
        var pos = i;
        if (!CutInt(x, ref pos, out pre) || pos != x.Length)
        {
            kind = pre = "";
            return false;
        }
        return true;
    }

    private static bool CutInt(string x, ref int pos, out string n)
    {
        n = "";
        var i = pos;
        while (i < x.Length && x[i] is >= '0' and <= '9') i++;
        if (i == pos || (x[pos] == '0' && i != pos + 1)) return false;
        n = x[pos..i];
        pos = i;
        return true;
    }
}
