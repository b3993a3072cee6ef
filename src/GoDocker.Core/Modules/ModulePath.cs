using System.Text;

namespace GoDocker.Core.Modules;

/// <summary>
/// Module, import and file path rules of golang.org/x/mod/module, with the go command's error wording.
/// Check methods return null when valid, else the error text.
/// </summary>
public static class ModulePath
{
    private static readonly string[] BadWindowsNames =
    [
        "CON", "PRN", "AUX", "NUL",
        "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    ];

    /// <summary>Which rule set a path is checked against: module paths are strictest, file paths most lenient.</summary>
    internal enum PathKind
    {
        Module,
        Import,
        File,
    }

    /// <summary>module.CheckPath: an import path whose first element is a lower-case dotted domain,
    /// and whose /vN or gopkg.in .vN suffix is well formed.</summary>
    public static string? CheckPath(string path)
    {
        var why = CheckModulePathReason(path);
        return why is null ? null : $"malformed module path {GoText.Quote(path)}: {why}";
    }

    private static string? CheckModulePathReason(string path)
    {
        var err = CheckPathCore(path, PathKind.Module);
        if (err is not null) return err;
        var i = path.IndexOf('/');
        if (i < 0) i = path.Length;
        if (i == 0) return "leading slash";
        if (!path.AsSpan(0, i).Contains('.')) return "missing dot in first path element";
        if (path[0] == '-') return "leading dash in first path element";
        foreach (var (_, r) in GoText.Runes(path[..i]))
        {
            if (!FirstPathOK(r)) return $"invalid char {GoText.QuoteRune(r)} in first path element";
        }
        if (!SplitPathVersion(path).Ok) return "invalid version";
        return null;
    }

    /// <summary>module.CheckImportPath: like a module path element-wise, but also allowing '+' and leading dots.</summary>
    public static string? CheckImportPath(string path)
    {
        var err = CheckPathCore(path, PathKind.Import);
        return err is null ? null : $"malformed import path {GoText.Quote(path)}: {err}";
    }

    /// <summary>module.CheckFilePath: like an import path but file names may use more characters.</summary>
    public static string? CheckFilePath(string path)
    {
        var err = CheckPathCore(path, PathKind.File);
        return err is null ? null : $"malformed file path {GoText.Quote(path)}: {err}";
    }

    private static string? CheckPathCore(string path, PathKind kind)
    {
        if (!GoText.IsValidUtf8(path)) return "invalid UTF-8";
        if (path.Length == 0) return "empty string";
        if (path[0] == '-' && kind != PathKind.File) return "leading dash";
        if (path.Contains("//", StringComparison.Ordinal)) return "double slash";
        if (path[^1] == '/') return "trailing slash";
        var start = 0;
        for (var i = 0; i < path.Length; i++)
        {
            if (path[i] != '/') continue;
            var e = CheckElem(path[start..i], kind);
            if (e is not null) return e;
            start = i + 1;
        }
        return CheckElem(path[start..], kind);
    }

    /// <summary>Checks one path element against the rules of its kind.</summary>
    internal static string? CheckElem(string elem, PathKind kind)
    {
        if (elem.Length == 0) return "empty path element";
        if (elem.All(c => c == '.')) return $"invalid path element {GoText.Quote(elem)}";
        if (elem[0] == '.' && kind == PathKind.Module) return "leading dot in path element";
        if (elem[^1] == '.') return "trailing dot in path element";
        foreach (var (_, r) in GoText.Runes(elem))
        {
            var ok = kind switch
            {
                PathKind.Module => ModPathOK(r),
                PathKind.Import => ModPathOK(r) || r == '+',
                _ => FileNameOK(r),
            };
            if (!ok) return $"invalid char {GoText.QuoteRune(r)}";
        }
        var dot = elem.IndexOf('.');
        var shortName = dot >= 0 ? elem[..dot] : elem;
        foreach (var bad in BadWindowsNames)
        {
            if (string.Equals(bad, shortName, StringComparison.OrdinalIgnoreCase))
                return $"{GoText.Quote(shortName)} disallowed as path element component on Windows";
        }
        if (kind == PathKind.File) return null;
        // Elements ending in '~' and digits look like Windows short names (GOPKG~1) and could alias other paths.
        var tilde = shortName.LastIndexOf('~');
        if (tilde >= 0 && tilde < shortName.Length - 1 && shortName[(tilde + 1)..].All(c => c is >= '0' and <= '9'))
            return "trailing tilde and digits in path element";
        return null;
    }

    private static bool FirstPathOK(int r) => r is '-' or '.' or >= '0' and <= '9' or >= 'a' and <= 'z';

    private static bool ModPathOK(int r) =>
        r is '-' or '.' or '_' or '~' or >= '0' and <= '9' or >= 'A' and <= 'Z' or >= 'a' and <= 'z';

    private static bool FileNameOK(int r)
    {
        if (r < 0x80)
        {
            if (r is >= '0' and <= '9' or >= 'A' and <= 'Z' or >= 'a' and <= 'z') return true;
            // ASCII punctuation minus shell specials (" ' * < > ? ` |) and separators (/ : \).
            return "!#$%&()+,-.=@[]^_{}~ ".Contains((char)r);
        }
        return GoText.IsLetter(r);
    }

    /// <summary>
    /// Splits a path into prefix and major-version suffix ("/vN" for N ≥ 2, or ".vN" for gopkg.in).
    /// Ok is false for suffixes CheckPath rejects such as "/v1" or "/v1.2".
    /// </summary>
    public static (string Prefix, string PathMajor, bool Ok) SplitPathVersion(string path)
    {
        if (path.StartsWith("gopkg.in/", StringComparison.Ordinal)) return SplitGopkgIn(path);
        var i = path.Length;
        var dot = false;
        while (i > 0 && (path[i - 1] is >= '0' and <= '9' || path[i - 1] == '.'))
        {
            if (path[i - 1] == '.') dot = true;
            i--;
        }
        if (i <= 1 || i == path.Length || path[i - 1] != 'v' || path[i - 2] != '/') return (path, "", true);
        var (prefix, pathMajor) = (path[..(i - 2)], path[(i - 2)..]);
        if (dot || pathMajor.Length <= 2 || pathMajor[2] == '0' || pathMajor == "/v1") return (path, "", false);
        return (prefix, pathMajor, true);
    }

    private static (string, string, bool) SplitGopkgIn(string path)
    {
        var i = path.Length;
        if (path.EndsWith("-unstable", StringComparison.Ordinal)) i -= "-unstable".Length;
        while (i > 0 && path[i - 1] is >= '0' and <= '9') i--;
        if (i <= 1 || path[i - 1] != 'v' || path[i - 2] != '.') return (path, "", false);
        var (prefix, pathMajor) = (path[..(i - 2)], path[(i - 2)..]);
        if (pathMajor.Length <= 2 || (pathMajor[2] == '0' && pathMajor != ".v0")) return (path, "", false);
        return (prefix, pathMajor, true);
    }

    /// <summary>Whether semantic version v fits the path's major-version suffix.</summary>
    public static bool MatchPathMajor(string v, string pathMajor) => CheckPathMajor(v, pathMajor) is null;

    /// <summary>module.CheckPathMajor: null when v fits pathMajor, else the InvalidVersionError text.</summary>
    public static string? CheckPathMajor(string v, string pathMajor)
    {
        var why = CheckPathMajorReason(v, pathMajor);
        return why is null ? null : ModuleErrors.InvalidVersion(v, why);
    }

    /// <summary>The bare reason ("should be v2, not v1") that module errors wrap in their own prefixes.</summary>
    internal static string? CheckPathMajorReason(string v, string pathMajor)
    {
        if (pathMajor.StartsWith(".v", StringComparison.Ordinal) && pathMajor.EndsWith("-unstable", StringComparison.Ordinal))
            pathMajor = pathMajor[..^"-unstable".Length];
        // An old pseudo-version bug produced v0.0.0- versions for gopkg.in .v1 paths; still accepted.
        if (v.StartsWith("v0.0.0-", StringComparison.Ordinal) && pathMajor == ".v1") return null;
        var m = SemVer.Major(v);
        if (pathMajor.Length == 0)
        {
            if (m is "v0" or "v1" || SemVer.Build(v) == "+incompatible") return null;
            pathMajor = "v0 or v1";
        }
        else if (pathMajor[0] is '/' or '.')
        {
            if (m == pathMajor[1..]) return null;
            pathMajor = pathMajor[1..];
        }
        return $"should be {pathMajor}, not {m}";
    }

    /// <summary>The canonical form of v, keeping the "+incompatible" build suffix.</summary>
    public static string CanonicalVersion(string v)
    {
        var cv = SemVer.Canonical(v);
        if (SemVer.Build(v) == "+incompatible") cv += "+incompatible";
        return cv;
    }

    /// <summary>Escapes upper-case letters as '!' + lower case; fails for invalid module paths.</summary>
    public static bool TryEscapePath(string path, out string escaped, out string? error)
    {
        escaped = "";
        error = CheckPath(path);
        if (error is not null) return false;
        return TryEscapeString(path, out escaped, out error);
    }

    public static string EscapePath(string path) =>
        TryEscapePath(path, out var e, out var err) ? e : throw new ModuleException(err!);

    /// <summary>Escapes a version; it must be a valid file name element without '!'.</summary>
    public static bool TryEscapeVersion(string v, out string escaped, out string? error)
    {
        escaped = "";
        if (CheckElem(v, PathKind.File) is not null || v.Contains('!'))
        {
            error = ModuleErrors.InvalidVersion(v, "disallowed version string");
            return false;
        }
        return TryEscapeString(v, out escaped, out error);
    }

    public static string EscapeVersion(string v) =>
        TryEscapeVersion(v, out var e, out var err) ? e : throw new ModuleException(err!);

    private static bool TryEscapeString(string s, out string escaped, out string? error)
    {
        escaped = "";
        error = null;
        var haveUpper = false;
        foreach (var c in s)
        {
            if (c == '!' || c >= 0x80)
            {
                error = "internal error: inconsistency in EscapePath";
                return false;
            }
            if (c is >= 'A' and <= 'Z') haveUpper = true;
        }
        escaped = haveUpper ? EscapeCase(s) : s;
        return true;
    }

    /// <summary>
    /// Only the case encoding ('A' becomes '!a'), without the checks of EscapePath/EscapeVersion: for request URLs
    /// built from paths and versions that users typed, which the server then judges.
    /// </summary>
    public static string EscapeCase(string s)
    {
        var sb = new StringBuilder(s.Length + 8);
        foreach (var c in s)
        {
            if (c is >= 'A' and <= 'Z') sb.Append('!').Append((char)(c + ('a' - 'A')));
            else sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>Reverses EscapePath; fails on a bad escape or when the result is not a valid module path.</summary>
    public static bool TryUnescapePath(string escaped, out string path, out string? error)
    {
        path = "";
        if (!TryUnescapeString(escaped, out var p))
        {
            error = $"invalid escaped module path {GoText.Quote(escaped)}";
            return false;
        }
        var err = CheckPath(p);
        if (err is not null)
        {
            error = $"invalid escaped module path {GoText.Quote(escaped)}: {err}";
            return false;
        }
        path = p;
        error = null;
        return true;
    }

    public static string UnescapePath(string escaped) =>
        TryUnescapePath(escaped, out var p, out var err) ? p : throw new ModuleException(err!);

    public static bool TryUnescapeVersion(string escaped, out string version, out string? error)
    {
        version = "";
        if (!TryUnescapeString(escaped, out var v))
        {
            error = $"invalid escaped version {GoText.Quote(escaped)}";
            return false;
        }
        var err = CheckElem(v, PathKind.File);
        if (err is not null)
        {
            error = $"invalid escaped version {GoText.Quote(v)}: {err}";
            return false;
        }
        version = v;
        error = null;
        return true;
    }

    public static string UnescapeVersion(string escaped) =>
        TryUnescapeVersion(escaped, out var v, out var err) ? v : throw new ModuleException(err!);

    private static bool TryUnescapeString(string escaped, out string result)
    {
        result = "";
        var sb = new StringBuilder(escaped.Length);
        var bang = false;
        foreach (var c in escaped)
        {
            if (c >= 0x80) return false;
            if (bang)
            {
                bang = false;
                if (c is < 'a' or > 'z') return false;
                sb.Append((char)(c - ('a' - 'A')));
                continue;
            }
            if (c == '!')
            {
                bang = true;
                continue;
            }
            if (c is >= 'A' and <= 'Z') return false;
            sb.Append(c);
        }
        if (bang) return false;
        result = sb.ToString();
        return true;
    }
}
