using System.Globalization;
using System.Text.RegularExpressions;

namespace GoDocker.Core.Modules;

/// <summary>
/// Pseudo-versions (module/pseudo.go): vX.0.0-yyyymmddhhmmss-rev, vX.Y.(Z+1)-0.yyyymmddhhmmss-rev[+incompatible],
/// vX.Y.Z-pre.0.yyyymmddhhmmss-rev[+incompatible].
/// </summary>
public static partial class PseudoVersion
{
    public const string TimestampFormat = "yyyyMMddHHmmss";

    [GeneratedRegex(@"^v[0-9]+\.(0\.0-|[0-9]+\.[0-9]+-([^+]*\.)?0\.)[0-9]{14}-[A-Za-z0-9]+(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex PseudoVersionRegex();

    /// <summary>Makes the pseudo-version for a major ("v1", "" = v0), an older tag ("" or "v1.2.3[-pre]"), a time and a revision.</summary>
    public static string Make(string major, string older, DateTimeOffset time, string rev)
    {
        if (major.Length == 0) major = "v0";
        var segment = time.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture) + "-" + rev;
        var build = SemVer.Build(older);
        older = SemVer.Canonical(older);
        if (older.Length == 0) return major + ".0.0-" + segment;
        if (SemVer.Prerelease(older).Length > 0) return older + ".0." + segment + build;
        var i = older.LastIndexOf('.') + 1;
        return older[..i] + IncDecimal(older[i..]) + "-0." + segment + build;
    }

    /// <summary>A placeholder pseudo-version with zero time and revision.</summary>
    public static string Zero(string major) => Make(major, "", new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.Zero), "000000000000");

    public static bool IsZero(string v) => v == Zero(SemVer.Major(v));

    public static bool IsPseudoVersion(string v) =>
        v.Count(c => c == '-') >= 2 && SemVer.IsValid(v) && PseudoVersionRegex().IsMatch(v);

    public static bool TryPseudoVersionTime(string v, out DateTimeOffset time, out string? error)
    {
        time = default;
        if (!TryParse(v, out _, out var timestamp, out _, out _, out error)) return false;
        if (!DateTime.TryParseExact(timestamp, TimestampFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t))
        {
            error = Invalid(v, $"malformed time {GoText.Quote(timestamp)}");
            return false;
        }
        time = new DateTimeOffset(t, TimeSpan.Zero);
        return true;
    }

    public static DateTimeOffset PseudoVersionTime(string v) =>
        TryPseudoVersionTime(v, out var t, out var err) ? t : throw new ModuleException(err!);

    public static bool TryPseudoVersionRev(string v, out string rev, out string? error) =>
        TryParse(v, out _, out _, out rev, out _, out error);

    public static string PseudoVersionRev(string v) =>
        TryPseudoVersionRev(v, out var r, out var err) ? r : throw new ModuleException(err!);

    /// <summary>The tagged version the pseudo-version is based on; "" (and success) for vX.0.0-… forms.</summary>
    public static bool TryPseudoVersionBase(string v, out string baseVersion, out string? error)
    {
        baseVersion = "";
        if (!TryParse(v, out var b, out _, out _, out var build, out error)) return false;
        var pre = SemVer.Prerelease(b);
        switch (pre)
        {
            case "":
                if (build.Length > 0)
                {
                    // "vX.0.0-" says there is no parent tag while "+incompatible" says there is one.
                    error = Invalid(v, $"lacks base version, but has build metadata {GoText.Quote(build)}");
                    return false;
                }
                return true;
            case "-0":
            {
                b = b[..^pre.Length];
                var i = b.LastIndexOf('.');
                var patch = DecDecimal(b[(i + 1)..]);
                if (patch.Length == 0)
                {
                    error = Invalid(v, $"version before {b} would have negative patch number");
                    return false;
                }
                baseVersion = b[..(i + 1)] + patch + build;
                return true;
            }
            default:
                baseVersion = b[..^".0".Length] + build;
                return true;
        }
    }

    public static string PseudoVersionBase(string v) =>
        TryPseudoVersionBase(v, out var b, out var err) ? b : throw new ModuleException(err!);

    private static string Invalid(string v, string why) => ModuleErrors.InvalidVersion(v, why, pseudo: true);

    private static bool TryParse(string v, out string b, out string timestamp, out string rev, out string build, out string? error)
    {
        b = timestamp = rev = build = "";
        if (!IsPseudoVersion(v))
        {
            error = Invalid(v, "syntax error");
            return false;
        }
        error = null;
        build = SemVer.Build(v);
        v = v[..^build.Length];
        var j = v.LastIndexOf('-');
        rev = v[(j + 1)..];
        v = v[..j];
        var i = v.LastIndexOf('-');
        var dot = v.LastIndexOf('.');
        if (dot > i)
        {
            b = v[..dot];
            timestamp = v[(dot + 1)..];
        }
        else
        {
            b = v[..i];
            timestamp = v[(i + 1)..];
        }
        return true;
    }

    /// <summary>The decimal string plus one.</summary>
    internal static string IncDecimal(string dec)
    {
        var d = dec.ToCharArray();
        var i = d.Length - 1;
        for (; i >= 0 && d[i] == '9'; i--) d[i] = '0';
        if (i >= 0)
        {
            d[i]++;
            return new string(d);
        }
        return "1" + new string(d);
    }

    /// <summary>The decimal string minus one, or "" when it is all zeros.</summary>
    internal static string DecDecimal(string dec)
    {
        var d = dec.ToCharArray();
        var i = d.Length - 1;
        for (; i >= 0 && d[i] == '0'; i--) d[i] = '9';
        if (i < 0) return "";
        if (i == 0 && d[i] == '1' && d.Length > 1) return new string(d, 1, d.Length - 1);
        d[i]--;
        return new string(d);
    }
}
