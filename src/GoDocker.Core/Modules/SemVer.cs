namespace GoDocker.Core.Modules;

/// <summary>
/// Semantic versions as golang.org/x/mod/semver reads them: a leading "v", vMAJOR[.MINOR[.PATCH[-PRE][+BUILD]]],
/// with vMAJOR and vMAJOR.MINOR as shorthands. Invalid versions compare equal to each other and below valid ones.
/// </summary>
public static class SemVer
{
    private readonly record struct Parsed(string Major, string Minor, string Patch, string Short, string Prerelease, string Build);

    public static bool IsValid(string? v) => TryParse(v, out _);

    /// <summary>The canonical form (missing .MINOR/.PATCH filled in, build metadata dropped), or "" when invalid.</summary>
    public static string Canonical(string? v)
    {
        if (!TryParse(v, out var p)) return "";
        if (p.Build.Length > 0) return v![..^p.Build.Length];
        return p.Short.Length > 0 ? v + p.Short : v!;
    }

    public static string Major(string? v) => TryParse(v, out var p) ? v![..(1 + p.Major.Length)] : "";

    public static string MajorMinor(string? v)
    {
        if (!TryParse(v, out var p)) return "";
        var i = 1 + p.Major.Length;
        var j = i + 1 + p.Minor.Length;
        if (j <= v!.Length && v[i] == '.' && v.Substring(i + 1, j - i - 1) == p.Minor)
            return v[..j];
        return v[..i] + "." + p.Minor;
    }

    public static string Prerelease(string? v) => TryParse(v, out var p) ? p.Prerelease : "";

    public static string Build(string? v) => TryParse(v, out var p) ? p.Build : "";

    /// <summary>-1, 0 or +1 by semantic version precedence.</summary>
    public static int Compare(string? v, string? w)
    {
        var ok1 = TryParse(v, out var pv);
        var ok2 = TryParse(w, out var pw);
        if (!ok1 && !ok2) return 0;
        if (!ok1) return -1;
        if (!ok2) return +1;
        var c = CompareInt(pv.Major, pw.Major);
        if (c != 0) return c;
        c = CompareInt(pv.Minor, pw.Minor);
        if (c != 0) return c;
        c = CompareInt(pv.Patch, pw.Patch);
        if (c != 0) return c;
        return ComparePrerelease(pv.Prerelease, pw.Prerelease);
    }

    /// <summary>The greater of the two canonical forms (x/mod's deprecated Max).</summary>
    public static string Max(string? v, string? w)
    {
        var cv = Canonical(v);
        var cw = Canonical(w);
        return Compare(cv, cw) > 0 ? cv : cw;
    }

    /// <summary>Sorts like semver.Sort: by precedence, ties broken by ordinal string order.</summary>
    public static void Sort(List<string> list) => list.Sort(ByVersion);

    public static int ByVersion(string a, string b)
    {
        var c = Compare(a, b);
        return c != 0 ? c : string.CompareOrdinal(a, b) switch { < 0 => -1, > 0 => 1, _ => 0 };
    }

    /// <summary>Compares decimal digit strings without overflow.</summary>
    internal static int CompareInt(string x, string y)
    {
        if (x == y) return 0;
        if (x.Length != y.Length) return x.Length < y.Length ? -1 : +1;
        return string.CompareOrdinal(x, y) < 0 ? -1 : +1;
    }

    private static bool TryParse(string? v, out Parsed p)
    {
        p = default;
        if (string.IsNullOrEmpty(v) || v[0] != 'v') return false;
        var pos = 1;
        if (!ParseInt(v, ref pos, out var major)) return false;
        if (pos == v.Length)
        {
            p = new Parsed(major, "0", "0", ".0.0", "", "");
            return true;
        }
        if (v[pos] != '.') return false;
        pos++;
        if (!ParseInt(v, ref pos, out var minor)) return false;
        if (pos == v.Length)
        {
            p = new Parsed(major, minor, "0", ".0", "", "");
            return true;
        }
        if (v[pos] != '.') return false;
        pos++;
        if (!ParseInt(v, ref pos, out var patch)) return false;
        var pre = "";
        var build = "";
        if (pos < v.Length && v[pos] == '-')
        {
            if (!ParsePrerelease(v, ref pos, out pre)) return false;
        }
        if (pos < v.Length && v[pos] == '+')
        {
            if (!ParseBuild(v, ref pos, out build)) return false;
        }
        if (pos != v.Length) return false;
        p = new Parsed(major, minor, patch, "", pre, build);
        return true;
    }

    private static bool ParseInt(string v, ref int pos, out string n)
    {
        n = "";
        var start = pos;
        if (pos >= v.Length || !IsDigit(v[pos])) return false;
        var i = pos + 1;
        while (i < v.Length && IsDigit(v[i])) i++;
        if (v[start] == '0' && i != start + 1) return false;
        n = v[start..i];
        pos = i;
        return true;
    }

    private static bool ParsePrerelease(string v, ref int pos, out string t)
    {
        t = "";
        var begin = pos;
        var i = pos + 1;
        var start = i;
        while (i < v.Length && v[i] != '+')
        {
            if (!IsIdentChar(v[i]) && v[i] != '.') return false;
            if (v[i] == '.')
            {
                if (start == i || IsBadNum(v[start..i])) return false;
                start = i + 1;
            }
            i++;
        }
        if (start == i || IsBadNum(v[start..i])) return false;
        t = v[begin..i];
        pos = i;
        return true;
    }

    private static bool ParseBuild(string v, ref int pos, out string t)
    {
        t = "";
        var begin = pos;
        var i = pos + 1;
        var start = i;
        while (i < v.Length)
        {
            if (!IsIdentChar(v[i]) && v[i] != '.') return false;
            if (v[i] == '.')
            {
                if (start == i) return false;
                start = i + 1;
            }
            i++;
        }
        if (start == i) return false;
        t = v[begin..i];
        pos = i;
        return true;
    }

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    private static bool IsIdentChar(char c) => c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '-';

    private static bool IsBadNum(string v) => v.Length > 1 && v[0] == '0' && v.All(IsDigit);

    private static bool IsNum(string v) => v.All(IsDigit);

    private static int ComparePrerelease(string x, string y)
    {
        if (x == y) return 0;
        if (x.Length == 0) return +1;
        if (y.Length == 0) return -1;
        var xs = x[1..].Split('.');
        var ys = y[1..].Split('.');
        for (var k = 0; k < xs.Length && k < ys.Length; k++)
        {
            var (dx, dy) = (xs[k], ys[k]);
            if (dx == dy) continue;
            var (ix, iy) = (IsNum(dx), IsNum(dy));
            if (ix != iy) return ix ? -1 : +1;
            if (ix && dx.Length != dy.Length) return dx.Length < dy.Length ? -1 : +1;
            return string.CompareOrdinal(dx, dy) < 0 ? -1 : +1;
        }
        return xs.Length < ys.Length ? -1 : +1;
    }
}
