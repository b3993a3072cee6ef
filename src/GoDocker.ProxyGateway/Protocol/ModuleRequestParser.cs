using System.Diagnostics.CodeAnalysis;

namespace GoDocker.ProxyGateway.Protocol;

/// <summary>
/// Turns a raw GOPROXY request path into a <see cref="ModuleRequest"/> or a failure.
/// Only the escaped alphabet the go command sends is accepted (lowercase, digits, <c>-._~!+</c> and '/' between
/// elements), so no request can name '..', a backslash, an encoded slash or an absolute path; the store never
/// builds a file name from the result anyway.
/// </summary>
public static class ModuleRequestParser
{
    /// <summary>Longer request paths are refused before any parsing (go's own limit for a module path is far below).</summary>
    public const int MaxPathLength = 1024;

    private const int MaxVersionLength = 256;

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

        if (path.Contains('%'))
        {
            // The go command never percent-encodes module paths or versions; '%2F' and '%2e%2e' are attacks or bugs.
            failure = GatewayFailure.BadRequest("percent-encoded characters are not valid in a module path or version");
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

        request = new ModuleRequest(escapedModule, kind, escapedVersion);
        return true;
    }

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
