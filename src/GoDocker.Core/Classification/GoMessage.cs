using System.Text.RegularExpressions;
using GoDocker.Core.Modules;

namespace GoDocker.Core.Classification;

/// <summary>A module and version a go message names, as <c>path@version</c> (version null for <c>module path:</c>).</summary>
public sealed record ModuleMention(string Path, string? Version, bool GoMod)
{
    public override string ToString() => Version is null ? Path : $"{Path}@{Version}";
}

/// <summary>A URL the go command fetched, split into the endpoint and the module it asked for.</summary>
public sealed record FetchedUrl(string Url, string Host, EndpointRole Role, string Endpoint, string? ModulePath, string? Version);

/// <summary>Which kind of server a URL belongs to, which decides the setting that fixes a failure.</summary>
public enum EndpointRole
{
    ModuleProxy,
    ChecksumDatabase,
    Repository,
}

/// <summary>
/// Reads the parts of go command messages the rules need: which module (<c>path@version:</c> prefixes, the last one
/// before the error wins, as go prints the failing link of a chain last) and which URL (module proxy, checksum
/// database or repository, with the case-escaped <c>!x</c> and <c>%21x</c> path forms unescaped).
/// </summary>
public static partial class GoMessage
{
    public static ModuleMention? ModuleBefore(string text, int index)
    {
        ModuleMention? found = null;
        foreach (Match m in ModuleAtVersion().Matches(text[..Math.Clamp(index, 0, text.Length)]))
        {
            var version = m.Groups["version"].Value;
            var goMod = version.EndsWith("/go.mod", StringComparison.Ordinal);
            found = new ModuleMention(m.Groups["path"].Value, goMod ? version[..^"/go.mod".Length] : version, goMod);
        }
        if (found is not null)
        {
            return found;
        }
        foreach (Match m in ModuleWord().Matches(text[..Math.Clamp(index, 0, text.Length)]))
        {
            found = new ModuleMention(m.Groups["path"].Value, null, false);
        }
        return found;
    }

    /// <summary>
    /// The main module's go.mod line go printed as <c>go.mod:LINE:</c> or <c>/src/go.mod:LINE:COL:</c> (errors parsing
    /// go.mod); null when there is none, or when it belongs to a dependency's go.mod (<c>parsing ../go.mod:</c> after a
    /// module@version).
    /// </summary>
    public static int? GoModLine(string text)
    {
        var m = PrintedGoModLine().Match(text);
        if (!m.Success || ModuleAtVersion().IsMatch(text[..m.Index]) && text.Contains("parsing", StringComparison.Ordinal))
        {
            return null;
        }
        return int.TryParse(m.Groups["line"].ValueSpan, System.Globalization.CultureInfo.InvariantCulture, out var line) ? line : null;
    }

    /// <summary>The module go fetched through a replace (<c>M@V (replaced by X):</c>), the left side of that replace.</summary>
    public static string? ReplacedModule(string text) =>
        ReplacedBy().Match(text) is { Success: true } m ? m.Groups["path"].Value : null;

    /// <summary>
    /// The module of <c>verifying M@V:</c>: what go was checking, even where the URL it then fetched names a tile
    /// or a differently escaped path.
    /// </summary>
    public static ModuleMention? VerifyingModule(string text)
    {
        var m = Verifying().Match(text);
        if (!m.Success)
        {
            return null;
        }
        var version = m.Groups["version"].Value;
        var goMod = version.EndsWith("/go.mod", StringComparison.Ordinal);
        return new ModuleMention(m.Groups["path"].Value, goMod ? version[..^"/go.mod".Length] : version, goMod);
    }

    public static FetchedUrl? UrlBefore(string text, int index)
    {
        FetchedUrl? found = null;
        foreach (Match m in Url().Matches(text[..Math.Clamp(index, 0, text.Length)]))
        {
            found = ParseUrl(m.Value.TrimEnd(':', '.', ','));
        }
        return found;
    }

    public static FetchedUrl? ParseUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != "https" && uri.Scheme != "http"))
        {
            return null;
        }
        var host = uri.Host;
        var path = Uri.UnescapeDataString(uri.AbsolutePath);
        var origin = uri.GetLeftPart(UriPartial.Authority);

        var lookup = path.IndexOf("/lookup/", StringComparison.Ordinal);
        var tile = path.IndexOf("/tile/", StringComparison.Ordinal);
        if (lookup >= 0 || tile >= 0 || path.Contains("/sumdb/", StringComparison.Ordinal))
        {
            string? module = null, version = null;
            if (lookup >= 0)
            {
                var rest = path[(lookup + "/lookup/".Length)..];
                var at = rest.LastIndexOf('@');
                if (at > 0)
                {
                    module = Unescape(rest[..at], ModulePath.TryUnescapePath);
                    version = Unescape(rest[(at + 1)..], ModulePath.TryUnescapeVersion);
                }
            }
            var sumdb = path.IndexOf("/sumdb/", StringComparison.Ordinal);
            var endpoint = sumdb >= 0 ? origin + path[..sumdb] : origin;
            return new FetchedUrl(url, host, EndpointRole.ChecksumDatabase, endpoint, module, version);
        }

        var v = path.IndexOf("/@v/", StringComparison.Ordinal);
        var latest = path.IndexOf("/@latest", StringComparison.Ordinal);
        var marker = v >= 0 ? v : latest;
        if (marker >= 0)
        {
            var (proxyPath, module) = SplitProxyPath(path[..marker]);
            string? version = null;
            if (v >= 0)
            {
                var file = path[(v + "/@v/".Length)..];
                var dot = file.LastIndexOf('.');
                if (file != "list" && dot > 0)
                {
                    version = Unescape(file[..dot], ModulePath.TryUnescapeVersion);
                }
            }
            return new FetchedUrl(url, host, EndpointRole.ModuleProxy, origin + proxyPath, module, version);
        }

        // A ?go-get=1 lookup or a VCS URL: the module is fetched directly from its repository host.
        var repoPath = path.Trim('/');
        return new FetchedUrl(url, host, EndpointRole.Repository, origin, repoPath.Length == 0 ? null : host + "/" + repoPath, null);
    }

    /// <summary>The setting that chooses an endpoint of this role, for "check X" advice and positions.</summary>
    public static string SettingOf(EndpointRole role) => role switch
    {
        EndpointRole.ModuleProxy => "GoProxy",
        EndpointRole.ChecksumDatabase => "GoSumDb",
        _ => "GoPrivate",
    };

    /// <summary>A GOPRIVATE pattern covering a module: the owner on hosts shared by many owners, else the host.</summary>
    public static string PrivatePattern(string modulePath)
    {
        var parts = modulePath.Split('/');
        var shared = parts[0] is "github.com" or "gitlab.com" or "bitbucket.org" or "codeberg.org" or "dev.azure.com";
        return shared && parts.Length >= 2 ? parts[0] + "/" + parts[1] : parts[0];
    }

    // The proxy base may have path elements of its own (https://host/go/...); the module path starts at the first
    // element that looks like a host name (has a dot) and unescapes to a valid module path.
    private static (string ProxyPath, string? Module) SplitProxyPath(string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < segments.Length; i++)
        {
            if (!segments[i].Contains('.'))
            {
                continue;
            }
            var candidate = string.Join('/', segments.Skip(i));
            if (ModulePath.TryUnescapePath(candidate, out var module, out _))
            {
                return (segments.Length == 0 || i == 0 ? "" : "/" + string.Join('/', segments.Take(i)), module);
            }
        }
        return ("", null);
    }

    private delegate bool TryUnescape(string escaped, out string result, out string? error);

    private static string Unescape(string escaped, TryUnescape unescape) =>
        unescape(escaped, out var result, out _) ? result : escaped;

    // "example.com/a@v1.2.3:" or "example.com/a@v1.2.3/go.mod:" as go prints module versions in errors.
    // A downloadable module path has a dot in its first element (module.CheckPath), which keeps ssh's "git@host:"
    // from reading as a module at a version.
    [GeneratedRegex(@"(?<![\w.~/@-])(?<path>[A-Za-z0-9][\w~+-]*\.[\w.~+-]*(?:/[\w.~+-]+)*)@(?<version>[\w.+~-]+(?:/go\.mod)?):")]
    private static partial Regex ModuleAtVersion();

    [GeneratedRegex(@"\bmodule (?<path>[A-Za-z0-9][\w.~-]*\.[\w.~-]*(?:/[\w.~+-]+)*):")]
    private static partial Regex ModuleWord();

    [GeneratedRegex(@"(?:^|[\s/])go\.mod:(?<line>[1-9]\d*)(?::\d+)?: ", RegexOptions.Multiline)]
    private static partial Regex PrintedGoModLine();

    [GeneratedRegex(@"(?<![\w.~/@-])(?<path>[A-Za-z0-9][\w~+-]*\.[\w.~+-]*(?:/[\w.~+-]+)*)@[\w.+~-]+ \(replaced by [^)\n]+\):")]
    private static partial Regex ReplacedBy();

    [GeneratedRegex(@"\bverifying (?:module: )?(?<path>[A-Za-z0-9][\w~+-]*\.[\w.~+-]*(?:/[\w.~+-]+)*)@(?<version>[\w.+~-]+(?:/go\.mod)?):")]
    private static partial Regex Verifying();

    [GeneratedRegex(@"https?://[^\s""'()<>]+")]
    private static partial Regex Url();
}
