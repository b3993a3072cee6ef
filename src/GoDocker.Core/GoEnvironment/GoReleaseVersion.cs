namespace GoDocker.Core.GoEnvironment;

/// <summary>
/// Go toolchain versions as cmd/go/internal/gover reads them: <c>1.21</c>, <c>1.21.3</c>, <c>1.21rc1</c>
/// (no "go" prefix), compared numerically with <c>1.21 &lt; 1.21rc1 &lt; 1.21.0</c>.
/// </summary>
public static class GoReleaseVersion
{
    private readonly record struct Parsed(string Major, string Minor, string Patch, string Kind, string Pre)
    {
        public bool IsZero => string.IsNullOrEmpty(Major);
    }

    public static bool IsValid(string version) => !Parse(version).IsZero;

    /// <summary>The version named by a toolchain such as <c>go1.21.3</c> or <c>go1.21.3-bigcorp</c>; null if none.</summary>
    public static string? FromToolchain(string name)
    {
        if (name.IndexOfAny(['\\', '/']) >= 0 || !name.StartsWith("go", StringComparison.Ordinal))
        {
            return null;
        }
        var v = name[2..];
        if (v.IndexOfAny([' ', '\t', '-']) is var i and >= 0)
        {
            v = v[..i];
        }
        return IsValid(v) ? v : null;
    }

    /// <summary>gover.Compare: malformed versions sort first and equal each other.</summary>
    public static int Compare(string x, string y)
    {
        var a = Parse(x);
        var b = Parse(y);
        int c;
        if ((c = CompareInt(a.Major, b.Major)) != 0 || (c = CompareInt(a.Minor, b.Minor)) != 0 || (c = CompareInt(a.Patch, b.Patch)) != 0)
        {
            return c;
        }
        if ((c = Math.Sign(string.CompareOrdinal(a.Kind, b.Kind))) != 0)
        {
            return c;
        }
        return CompareInt(a.Pre, b.Pre);
    }

    private static Parsed Parse(string x)
    {
        if (!CutInt(x, out var major, out x))
        {
            return default;
        }
        if (x.Length == 0)
        {
            return new Parsed(major, "0", "0", string.Empty, string.Empty);
        }
        if (x[0] != '.' || !CutInt(x[1..], out var minor, out x))
        {
            return default;
        }
        if (x.Length == 0)
        {
            // Before Go 1.21 a missing patch means .0; from 1.21 "1.21" is the language version, below 1.21.0.
            return new Parsed(major, minor, CompareInt(minor, "21") < 0 ? "0" : string.Empty, string.Empty, string.Empty);
        }
        if (x[0] == '.')
        {
            return CutInt(x[1..], out var patch, out x) && x.Length == 0
                ? new Parsed(major, minor, patch, string.Empty, string.Empty)
                : default;
        }
        var i = 0;
        while (i < x.Length && !char.IsAsciiDigit(x[i]))
        {
            // The kind (alpha, beta, rc, …) is lower-case letters only.
            if (!char.IsAsciiLetterLower(x[i]))
            {
                return default;
            }
            i++;
        }
        if (i == 0)
        {
            return default;
        }
        var kind = x[..i];
        x = x[i..];
        if (x.Length == 0)
        {
            return new Parsed(major, minor, string.Empty, kind, string.Empty);
        }
        return CutInt(x, out var pre, out x) && x.Length == 0 ? new Parsed(major, minor, string.Empty, kind, pre) : default;
    }

    private static bool CutInt(string x, out string number, out string rest)
    {
        var i = 0;
        while (i < x.Length && char.IsAsciiDigit(x[i]))
        {
            i++;
        }
        if (i == 0 || (x[0] == '0' && i != 1))
        {
            number = rest = string.Empty;
            return false;
        }
        number = x[..i];
        rest = x[i..];
        return true;
    }

    private static int CompareInt(string x, string y)
    {
        if (x == y)
        {
            return 0;
        }
        if (x.Length != y.Length)
        {
            return x.Length < y.Length ? -1 : 1;
        }
        return string.CompareOrdinal(x, y) < 0 ? -1 : 1;
    }
}
