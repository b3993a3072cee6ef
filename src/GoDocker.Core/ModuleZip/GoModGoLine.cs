using System.Text;
using System.Text.RegularExpressions;
using GoDocker.Core.Modules;

namespace GoDocker.Core.ModuleZip;

/// <summary>
/// Reads just the <c>go</c> directive of a root go.mod, the way x/mod/zip does (modfile.ParseLax, then
/// go/version.Lang), because the vendor rules changed with go 1.24. Returns "go1.N" or "" when absent or unusable.
/// </summary>
internal static partial class GoModGoLine
{
    [GeneratedRegex(@"^([1-9][0-9]*)\.(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))?([a-z]+[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex GoVersionRegex();

    // Lax mode accepts suffixes later Go versions might add, keeping major.minor.
    [GeneratedRegex(@"^v?(([1-9][0-9]*)\.(0|[1-9][0-9]*))([^0-9].*)$", RegexOptions.CultureInvariant)]
    private static partial Regex LaxGoVersionRegex();

    public static string LanguageVersion(ReadOnlySpan<byte> goMod)
    {
        var text = Encoding.UTF8.GetString(goMod);
        string? version = null;
        var depth = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine;
            var comment = line.IndexOf("//", StringComparison.Ordinal);
            if (comment >= 0) line = line[..comment];
            var fields = line.Split([' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0) continue;
            if (fields[^1] == "(") depth++;
            if (fields[0] == ")") depth = Math.Max(0, depth - 1);
            if (depth > 0 || fields[0] != "go") continue;
            // A repeated go line or a malformed one makes ParseLax fail, and then no version is known.
            if (version is not null || fields.Length != 2) return "";
            var v = fields[1].Trim('"');
            if (GoVersionRegex().IsMatch(v))
            {
                version = v;
            }
            else
            {
                var m = LaxGoVersionRegex().Match(v);
                if (!m.Success) return ""; // ParseLax fails on the file, so no version is known
                version = m.Groups[1].Value;
            }
        }
        if (version is null || !GoVersion.IsValid(version)) return "";
        return "go" + GoVersion.Lang(version);
    }
}
