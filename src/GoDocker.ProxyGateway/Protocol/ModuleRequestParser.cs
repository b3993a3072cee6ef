using System.Diagnostics.CodeAnalysis;
using GoDocker.Core.Modules;

namespace GoDocker.ProxyGateway.Protocol;

/// <summary>
/// Turns a raw GOPROXY request path into a <see cref="ModuleRequest"/> or a failure.
/// Only the escaped alphabet the go command sends is accepted (lowercase, digits, <c>-._~!+</c> and '/' between
/// elements), so no request can name '..', a backslash, an encoded slash or an absolute path; the store never
/// builds a file name from the result anyway. The go command's own rules (GoDocker.Core.Modules.ModulePath) decide
/// what is a module path or version: a bad path is 400, a bad version 404 (as proxy.golang.org answers).
/// </summary>
public static class ModuleRequestParser
{
    /// <summary>Longer request paths are refused before any parsing (go's own limit for a module path is far below).</summary>
    public const int MaxPathLength = 1024;

    private const int MaxVersionLength = 256;

    /// <summary>Module and version of a pin key (the escaped request path), as go.mod spells them; users know them so.</summary>
    public static (string Module, string Version) ModuleVersionOf(string key) =>
        TryParse(key, out var parsed, out _) ? (parsed.ModulePath, parsed.Version ?? "") : (key, "");

    /// <param name="path">The path after the gateway's prefix, without the leading '/'; still percent-encoded as received.</param>
    public static bool TryParse(string path, [NotNullWhen(true)] out ModuleRequest? request, [NotNullWhen(false)] out GatewayFailure? failure)
    {
        request = null;
        failure = null;
        if (path.Length > MaxPathLength)
        {
            failure = GatewayFailure.UriTooLong($"request path is {path.Length} characters; the limit is {MaxPathLength}");
            return false;
        }

        var decodeProblem = PercentDecode(ref path);
        if (decodeProblem is not null)
        {
            failure = GatewayFailure.BadRequest(decodeProblem);
            return false;
        }

        string escapedModule;
        ModuleFileKind kind;
        string? escapedVersion = null;
        if (path.EndsWith("/@latest", StringComparison.Ordinal))
        {
            escapedModule = path[..^"/@latest".Length];
            kind = ModuleFileKind.Latest;
        }
        else
        {
            var at = path.LastIndexOf("/@v/", StringComparison.Ordinal);
            if (at < 0)
            {
                failure = GatewayFailure.NotFound("not a module proxy path: expected '<module>/@v/...' or '<module>/@latest'");
                return false;
            }

            escapedModule = path[..at];
            var file = path[(at + "/@v/".Length)..];
            if (file == "list")
            {
                kind = ModuleFileKind.List;
            }
            else
            {
                var dot = file.LastIndexOf('.');
                var ext = dot < 0 ? "" : file[(dot + 1)..];
                kind = ext switch
                {
                    "info" => ModuleFileKind.Info,
                    "mod" => ModuleFileKind.Mod,
                    "zip" => ModuleFileKind.Zip,
                    _ => (ModuleFileKind)(-1),
                };
                if ((int)kind < 0)
                {
                    failure = GatewayFailure.NotFound($"unknown module file '{file}': expected list, .info, .mod or .zip");
                    return false;
                }

                escapedVersion = file[..dot];
                var versionProblem = CheckEscapedVersion(escapedVersion);
                if (versionProblem is not null)
                {
                    failure = GatewayFailure.NotFound($"invalid version '{escapedVersion}': {versionProblem}");
                    return false;
                }
            }
        }

        var moduleProblem = CheckEscapedModulePath(escapedModule);
        if (moduleProblem is not null)
        {
            failure = GatewayFailure.BadRequest($"invalid escaped module path '{escapedModule}': {moduleProblem}");
            return false;
        }

        if (!ModulePath.TryUnescapePath(escapedModule, out var modulePath, out var goProblem))
        {
            failure = GatewayFailure.BadRequest(goProblem ?? $"invalid escaped module path '{escapedModule}'");
            return false;
        }

        string? version = null;
        if (escapedVersion is not null && !ModulePath.TryUnescapeVersion(escapedVersion, out version, out var versionError))
        {
            failure = GatewayFailure.NotFound(versionError ?? $"invalid escaped version '{escapedVersion}'");
            return false;
        }

        request = new ModuleRequest(escapedModule, kind, escapedVersion) { ModulePath = modulePath, Version = version };
        return true;
    }

    /// <summary>
    /// Decodes %XX escapes (the go command sends '!' as %21). An encoded '/' or '\' would change the path's
    /// structure after routing, and anything that decodes outside printable ASCII is no module path: both refused.
    /// </summary>
    public static string? PercentDecode(ref string path)
    {
        if (!path.Contains('%'))
        {
            return null;
        }

        var decoded = new System.Text.StringBuilder(path.Length);
        for (var i = 0; i < path.Length; i++)
        {
            if (path[i] != '%')
            {
                decoded.Append(path[i]);
                continue;
            }

            if (i + 2 >= path.Length || !IsHex(path[i + 1]) || !IsHex(path[i + 2]))
            {
                return "malformed percent escape";
            }

            var c = (char)Convert.ToInt32(path.Substring(i + 1, 2), 16);
            if (c is '/' or '\\')
            {
                return "encoded slashes are not valid in a module path or version";
            }

            if (c is < (char)0x21 or > (char)0x7e)
            {
                return "encoded control or non-ASCII characters are not valid in a module path or version";
            }

            decoded.Append(c);
            i += 2;
        }

        path = decoded.ToString();
        return null;
    }

    private static bool IsHex(char c) => c is >= '0' and <= '9' or >= 'a' and <= 'f' or >= 'A' and <= 'F';

    /// <summary>Returns why <paramref name="escaped"/> is not an acceptable escaped module path, or null.</summary>
    public static string? CheckEscapedModulePath(string escaped)
    {
        if (escaped.Length == 0)
        {
            return "empty";
        }

        foreach (var element in escaped.Split('/'))
        {
            if (element.Length == 0)
            {
                return "empty path element";
            }

            if (element[0] == '.' || element[^1] == '.')
            {
                return "path element begins or ends with '.'";
            }

            var problem = CheckEscapedText(element, allowPlus: false);
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    /// <summary>Returns why <paramref name="escaped"/> is not an acceptable escaped version, or null.</summary>
    public static string? CheckEscapedVersion(string escaped)
    {
        if (escaped.Length == 0)
        {
            return "empty";
        }

        if (escaped.Length > MaxVersionLength)
        {
            return "too long";
        }

        if (escaped[0] == '.' || escaped.Contains(".."))
        {
            return "'.' or '..' is not a version";
        }

        return CheckEscapedText(escaped, allowPlus: true);
    }

    private static string? CheckEscapedText(string text, bool allowPlus)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '!')
            {
                if (i + 1 >= text.Length || text[i + 1] is < 'a' or > 'z')
                {
                    return "'!' must be followed by a lowercase letter";
                }

                i++;
                continue;
            }

            if (c is >= 'A' and <= 'Z')
            {
                return $"uppercase '{c}' must be escaped as '!{char.ToLowerInvariant(c)}'";
            }

            var ok = c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '.' or '_' or '~' || (allowPlus && c == '+');
            if (!ok)
            {
                return c < 0x20 || c >= 0x7f ? "invalid character" : $"invalid character '{c}'";
            }
        }

        return null;
    }
}
