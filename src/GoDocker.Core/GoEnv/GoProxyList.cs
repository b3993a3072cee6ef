using GoDocker.Core.Diagnostics;
using GoDocker.Core.Modules;

namespace GoDocker.Core.GoEnv;

/// <summary>
/// A GOPROXY value read as cmd/go's proxyList does: entries split at ',' (fall through on 404/410) or '|'
/// (fall through on any error), blanks skipped, bare hosts given https://, and the list ending at the first
/// <c>direct</c> or <c>off</c>. An unset value means the default <c>https://proxy.golang.org,direct</c>.
/// </summary>
public sealed record GoProxyList
{
    public const string DefaultValue = "https://proxy.golang.org,direct";

    public static GoProxyList Default { get; } = Parse(DefaultValue).Value;

    private GoProxyList(string raw, IReadOnlyList<GoProxyEntry> entries)
    {
        Raw = raw;
        Entries = entries;
    }

    /// <summary>The setting as given (after defaults).</summary>
    public string Raw { get; }

    /// <summary>The entries the go command tries, in order.</summary>
    public IReadOnlyList<GoProxyEntry> Entries { get; }

    /// <summary>True when the list is exactly <c>off</c> at its first entry: nothing may be downloaded through it.</summary>
    public bool IsOff => Entries.Count > 0 && Entries[0].Kind == GoProxyEntryKind.Off;

    /// <summary>True when GOPROXY is exactly "direct" (cmd/go then skips the GONOPROXY pre-check).</summary>
    public bool IsExactlyDirect => Raw == "direct";

    public IEnumerable<GoProxyEntry> Proxies => Entries.Where(e => e.IsProxy);

    /// <summary>
    /// Parses a GOPROXY value. Errors use the go command's wording; the first bad URL stops the parse as in cmd/go,
    /// and the value keeps the entries read before it.
    /// </summary>
    public static SettingParseResult<GoProxyList> Parse(string? value, string variable = "GOPROXY")
    {
        var raw = string.IsNullOrEmpty(value) ? DefaultValue : value;
        var entries = new List<GoProxyEntry>();
        // An index into raw, not a shrinking copy of it: copying the rest per entry made long lists quadratic.
        var start = 0;
        while (start < raw.Length)
        {
            string url;
            var fallback = GoProxyFallback.OnNotFound;
            var i = raw.IndexOfAny([',', '|'], start);
            if (i >= 0)
            {
                url = raw[start..i];
                fallback = raw[i] == '|' ? GoProxyFallback.OnAnyError : GoProxyFallback.OnNotFound;
                start = i + 1;
            }
            else
            {
                url = raw[start..];
                start = raw.Length;
            }

            url = GoStrings.TrimSpace(url);
            if (url.Length == 0)
            {
                continue;
            }
            if (url == "off")
            {
                entries.Add(GoProxyEntry.Off);
                break;
            }
            if (url == "direct")
            {
                entries.Add(GoProxyEntry.Direct);
                break;
            }

            // Single words are reserved; anything with ":/" or an absolute path must be a complete URL.
            if (url.IndexOfAny(['.', ':', '/']) >= 0 && !url.Contains(":/") && !url.StartsWith('/') && !IsWindowsAbsolute(url))
            {
                url = "https://" + url;
            }
            if (CheckProxyUrl(url) is { } error)
            {
                return SettingParseResult.Fail(new GoProxyList(raw, entries), new SettingError(DiagnosticCatalog.InvalidGoProxy, variable, raw, error));
            }
            entries.Add(new GoProxyEntry(GoProxyEntryKind.Proxy, url, fallback));
        }

        if (entries.Count == 0)
        {
            return SettingParseResult.Fail(new GoProxyList(raw, entries), new SettingError(DiagnosticCatalog.InvalidGoProxy, variable, raw,
                "GOPROXY list is not the empty string, but contains no entries"));
        }
        return SettingParseResult.Ok(new GoProxyList(raw, entries));
    }

    // cmd/go's newProxyRepo checks, with its messages.
    private static string? CheckProxyUrl(string url)
    {
        if (!GoUrl.TryParse(url, out var parsed, out var parseError))
        {
            return parseError;
        }
        switch (parsed.Scheme)
        {
            case "http":
            case "https":
                return null;
            case "file":
                var onlyPath = parsed.Opaque.Length == 0 && parsed.UserInfo is null && parsed.Host.Length == 0
                    && parsed.RawQuery.Length == 0 && parsed.Fragment.Length == 0;
                return onlyPath ? null : $"invalid file:// proxy URL with non-path elements: {parsed.Redacted()}";
            case "":
                return $"invalid proxy URL missing scheme: {parsed.Redacted()}";
            default:
                return $"invalid proxy URL scheme (must be https, http, file): {parsed.Redacted()}";
        }
    }

    private static bool IsWindowsAbsolute(string path) =>
        OperatingSystem.IsWindows() && path.Length >= 3 && char.IsAsciiLetter(path[0]) && path[1] == ':' && path[2] is '\\' or '/';

    public override string ToString() => Raw;
}
