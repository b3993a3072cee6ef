using System.Text.RegularExpressions;
using GoDocker.Core.Modules;

namespace GoDocker.Core.GoMod;

/// <summary>The directive rules go.mod and go.work share (x/mod rule.go): quoting, versions, replace, intervals.</summary>
public static partial class ModRules
{
    [GeneratedRegex(@"\A([1-9][0-9]*)\.(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))?([a-z]+[0-9]+)?\z")]
    private static partial Regex GoVersionRegex();

    [GeneratedRegex(@"\Av?(([1-9][0-9]*)\.(0|[1-9][0-9]*))([^0-9].*)\z")]
    private static partial Regex LaxGoVersionRegex();

    [GeneratedRegex(@"\Adefault\z|\Ago1(\z|\.)")]
    private static partial Regex ToolchainRegex();

    [GeneratedRegex(@"(?:\A|\n\n)Deprecated: *(.*?)(?:\z|\n\n)", RegexOptions.Singleline)]
    private static partial Regex DeprecatedRegex();

    /// <summary>modfile.GoVersionRE: what a <c>go</c> line may hold.</summary>
    public static bool IsGoVersion(string v) => GoVersionRegex().IsMatch(v);

    /// <summary>modfile.ToolchainRE: what a <c>toolchain</c> line may hold.</summary>
    public static bool IsToolchainName(string v) => ToolchainRegex().IsMatch(v);

    internal static string? LaxGoVersion(string v)
    {
        var m = LaxGoVersionRegex().Match(v);
        return m.Success ? m.Groups[1].Value : null;
    }

    /// <summary>Whether a replacement target is a directory: rooted, or starting with ./ or ../ (either slash), or a drive letter.</summary>
    public static bool IsDirectoryPath(string ns) =>
        ns == "." || ns.StartsWith("./", StringComparison.Ordinal) || ns.StartsWith(".\\", StringComparison.Ordinal) ||
        ns == ".." || ns.StartsWith("../", StringComparison.Ordinal) || ns.StartsWith("..\\", StringComparison.Ordinal) ||
        ns.StartsWith('/') || ns.StartsWith('\\') ||
        (ns.Length >= 2 && ns[0] is >= 'A' and <= 'Z' or >= 'a' and <= 'z' && ns[1] == ':');

    /// <summary>Whether s must be quoted to stand as one go.mod token.</summary>
    public static bool MustQuote(string s)
    {
        if (System.Text.Ascii.IsValid(s))
        {
            // The usual case: plain ASCII module paths and versions.
            foreach (var c in s)
            {
                if (c is ' ' or '"' or '\'' or '`' || c < 0x20 || c == 0x7F) return true;
                if (c is '(' or ')' or '[' or ']' or '{' or '}' or ',' && s.Length > 1) return true;
            }
            return s.Length == 0 || s.Contains("//", StringComparison.Ordinal) || s.Contains("/*", StringComparison.Ordinal);
        }
        foreach (var (r, _) in GoRunes(s))
        {
            switch (r)
            {
                case ' ' or '"' or '\'' or '`':
                    return true;
                case '(' or ')' or '[' or ']' or '{' or '}' or ',':
                    if (Modules.GoText.ToBytes(s).Length > 1) return true;
                    break;
                default:
                    if (!GoUnicode.IsPrint(r)) return true;
                    break;
            }
        }
        return s.Length == 0 || s.Contains("//", StringComparison.Ordinal) || s.Contains("/*", StringComparison.Ordinal);
    }

    /// <summary>s, or its Go quotation when it must be quoted.</summary>
    public static string AutoQuote(string s) => MustQuote(s) ? GoText.Quote(s) : s;

    private static IEnumerable<(int Rune, int Index)> GoRunes(string s)
    {
        for (var i = 0; i < s.Length;)
        {
            if (System.Text.Rune.TryGetRuneAt(s, i, out var r))
            {
                yield return (r.Value, i);
                i += r.Utf16SequenceLength;
            }
            else
            {
                yield return (0xFFFD, i);
                i++;
            }
        }
    }

    /// <summary>x/mod's parseString: unquotes a token and rewrites it in its minimal quoting. Returns the error text on failure.</summary>
    internal static string? ParseString(List<string> tokens, int index, out string value)
    {
        var t = tokens[index];
        value = "";
        if (t.StartsWith('"'))
        {
            var u = GoQuote.Unquote(t);
            if (u is null) return "invalid syntax";
            t = u;
        }
        else if (t.AsSpan().IndexOfAny("\"'`") >= 0)
        {
            return "unquoted string cannot contain quote";
        }
        tokens[index] = AutoQuote(t);
        value = t;
        return null;
    }

    internal readonly record struct Failure(string Message, string Verb = "", string ModPath = "");

    /// <summary>x/mod's parseVersion: unquotes, fixes or canonicalizes a version token in place.</summary>
    internal static Failure? ParseVersion(string verb, string path, List<string> tokens, int index, VersionFixer? fix, out string version)
    {
        version = "";
        var raw = tokens[index];
        var err = ParseString(tokens, index, out var t);
        if (err is not null) return new Failure(InvalidVersion(raw, err), verb, path);
        if (fix is not null)
        {
            var fixedVersion = fix(path, t);
            if (fixedVersion.Error is not null)
                return fixedVersion.IsModuleError ? new Failure(fixedVersion.Error, verb, path) : new Failure(fixedVersion.Error);
            t = fixedVersion.Version ?? "";
        }
        else
        {
            var cv = ModulePath.CanonicalVersion(t);
            if (cv.Length == 0) return new Failure(InvalidVersion(t, "must be of the form v1.2.3"), verb, path);
            t = cv;
        }
        tokens[index] = t;
        version = t;
        return null;
    }

    internal static string InvalidVersion(string version, string why) => ModuleErrors.InvalidVersion(version, why);

    internal static string? ModulePathMajor(string path, out string major)
    {
        var (_, m, ok) = ModulePath.SplitPathVersion(path);
        major = m;
        return ok ? null : "invalid module path";
    }

    /// <summary>x/mod's parseVersionInterval over tokens[start..]; advances <paramref name="next"/> past the interval.</summary>
    internal static Failure? ParseVersionInterval(string verb, string path, List<string> tokens, int start, VersionFixer? fix, out VersionInterval interval, out int next)
    {
        interval = new VersionInterval("", "");
        next = start;
        var i = start;
        if (i >= tokens.Count || tokens[i] == "(") return new Failure("expected '[' or version");
        if (tokens[i] != "[")
        {
            var f = ParseVersion(verb, path, tokens, i, fix, out var v);
            if (f is not null) return f;
            interval = new VersionInterval(v, v);
            next = i + 1;
            return null;
        }
        i++;
        if (i >= tokens.Count) return new Failure("expected version after '['");
        var fl = ParseVersion(verb, path, tokens, i, fix, out var low);
        if (fl is not null) return fl;
        i++;
        if (i >= tokens.Count || tokens[i] != ",") return new Failure("expected ',' after version");
        i++;
        if (i >= tokens.Count) return new Failure("expected version after ','");
        var fh = ParseVersion(verb, path, tokens, i, fix, out var high);
        if (fh is not null) return fh;
        i++;
        if (i >= tokens.Count || tokens[i] != "]") return new Failure("expected ']' after version");
        i++;
        interval = new VersionInterval(low, high);
        next = i;
        return null;
    }

    /// <summary>x/mod's parseReplace over tokens[start..].</summary>
    internal static Failure? ParseReplace(ModLine line, string verb, int start, VersionFixer? fix, out ModReplace? replace)
    {
        replace = null;
        var tokens = line.Token!;
        var n = tokens.Count - start;
        string A(int k) => tokens[start + k];
        var arrow = n >= 2 && A(1) == "=>" ? 1 : 2;
        if (n < arrow + 2 || n > arrow + 3 || A(arrow) != "=>")
            return new Failure($"usage: {verb} module/path [v1.2.3] => other/module v1.4\n\t or {verb} module/path [v1.2.3] => ../local/directory");
        var err = ParseString(tokens, start, out var s);
        if (err is not null) return new Failure("invalid quoted string: " + err);
        var majorErr = ModulePathMajor(s, out var pathMajor);
        if (majorErr is not null) return new Failure(majorErr, verb, s);
        var v = "";
        if (arrow == 2)
        {
            var f = ParseVersion(verb, s, tokens, start + 1, fix, out v);
            if (f is not null) return f;
            var pm = ModulePath.CheckPathMajor(v, pathMajor);
            if (pm is not null) return new Failure(pm, verb, s);
        }
        err = ParseString(tokens, start + arrow + 1, out var ns);
        if (err is not null) return new Failure("invalid quoted string: " + err);
        var nv = "";
        if (n == arrow + 2)
        {
            if (!IsDirectoryPath(ns))
            {
                if (ns.Contains('@')) return new Failure("replacement module must match format 'path version', not 'path@version'");
                return new Failure("replacement module without version must be directory path (rooted or starting with . or ..)");
            }
            // The go command in the build runs on Linux, where a backslash cannot separate directories.
            if (ns.Contains('\\')) return new Failure("replacement directory appears to be Windows path (on a non-windows system)");
        }
        if (n == arrow + 3)
        {
            var f = ParseVersion(verb, ns, tokens, start + arrow + 2, fix, out nv);
            if (f is not null) return f;
            if (IsDirectoryPath(ns)) return new Failure($"replacement module directory path {GoText.Quote(ns)} cannot have version");
        }
        replace = new ModReplace { Old = new ModuleVersion(s, v), New = new ModuleVersion(ns, nv), Syntax = line };
        return null;
    }

    /// <summary>The comments of a directive (or, when it has none, of its block), one line each, without slashes.</summary>
    internal static string ParseDirectiveComment(ModLineBlock? block, ModLine line)
    {
        var comments = line.Comments;
        if (block is not null && comments.Before.Count == 0 && comments.Suffix.Count == 0) comments = block.Comments;
        var lines = new List<string>();
        foreach (var c in comments.Before.Concat(comments.Suffix))
        {
            if (!c.Token.StartsWith("//", StringComparison.Ordinal)) continue; // blank line
            lines.Add(c.Token[2..].Trim());
        }
        return string.Join("\n", lines);
    }

    internal static string ParseDeprecation(ModLineBlock? block, ModLine line)
    {
        var m = DeprecatedRegex().Match(ParseDirectiveComment(block, line));
        return m.Success ? m.Groups[1].Value : "";
    }

    /// <summary>x/mod's checkCanonicalVersion, used by the edit operations.</summary>
    internal static string? CheckCanonicalVersion(string path, string vers)
    {
        var (_, pathMajor, pathMajorOk) = ModulePath.SplitPathVersion(path);
        if (vers.Length == 0 || vers != ModulePath.CanonicalVersion(vers))
        {
            if (pathMajor.Length == 0) return InvalidVersion(vers, "must be of the form v1.2.3");
            var m = pathMajor;
            if (m.StartsWith(".v", StringComparison.Ordinal) && m.EndsWith("-unstable", StringComparison.Ordinal)) m = m[..^"-unstable".Length];
            return InvalidVersion(vers, $"must be of the form {m[1..]}.2.3");
        }
        if (pathMajorOk)
        {
            var err = ModulePath.CheckPathMajor(vers, pathMajor);
            if (err is not null)
            {
                if (pathMajor.Length == 0)
                    return InvalidVersion(vers, $"should be {vers}+incompatible (or module {path}/{SemVer.Major(vers)})");
                return err;
            }
        }
        return null;
    }
}
