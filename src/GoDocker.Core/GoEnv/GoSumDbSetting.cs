using GoDocker.Core.Diagnostics;
using GoDocker.Core.Modules;

namespace GoDocker.Core.GoEnv;

/// <summary>
/// A GOSUMDB value as cmd/go's dbDial reads it: <c>off</c>; a known database name (<c>sum.golang.org</c>, or
/// <c>sum.golang.google.cn</c>, which is sum.golang.org served from https://sum.golang.google.cn); a verifier key
/// <c>name+hash+key</c>; either of those followed by a URL that replaces the default access path (and bypasses
/// proxies). Unset means <c>sum.golang.org</c>.
/// </summary>
public sealed record GoSumDbSetting
{
    public const string DefaultValue = "sum.golang.org";

    /// <summary>The verifier keys the go command knows by name.</summary>
    public static IReadOnlyDictionary<string, string> KnownKeys { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["sum.golang.org"] = "sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8",
    };

    /// <summary>Aliases that name a known database served elsewhere (cmd/go special-cases this one).</summary>
    public static IReadOnlyDictionary<string, string> KnownAliases { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["sum.golang.google.cn"] = "sum.golang.org https://sum.golang.google.cn",
    };

    public static GoSumDbSetting Default { get; } = Parse(DefaultValue).Value;

    public static GoSumDbSetting Off { get; } = new() { Raw = "off", IsOff = true };

    private GoSumDbSetting()
    {
    }

    public string Raw { get; private init; } = string.Empty;

    public bool IsOff { get; private init; }

    /// <summary>The database name from the verifier key (the path used under a proxy's /sumdb/).</summary>
    public string? Name { get; private init; }

    public SumDbVerifierKey? Key { get; private init; }

    /// <summary>The URL given after the key, if any: used as is, never through a proxy.</summary>
    public string? ExplicitUrl { get; private init; }

    /// <summary>Where the database is reached when no proxy serves it: <c>https://&lt;name&gt;</c>.</summary>
    public string? DirectUrl => Name is null ? null : "https://" + Name;

    /// <summary>Parses GOSUMDB with cmd/go's error texts. Invalid values give a setting with no database.</summary>
    public static SettingParseResult<GoSumDbSetting> Parse(string? value, string variable = "GOSUMDB")
    {
        var raw = string.IsNullOrEmpty(value) ? DefaultValue : value;
        SettingParseResult<GoSumDbSetting> Fail(string message) =>
            SettingParseResult.Fail(new GoSumDbSetting { Raw = raw }, new SettingError(DiagnosticCatalog.InvalidGoSumDb, variable, raw, message));

        var effective = KnownAliases.TryGetValue(raw, out var alias) ? alias : raw;
        if (effective == "off")
        {
            return SettingParseResult.Ok(Off);
        }

        var fields = GoStrings.Fields(effective).ToArray();
        if (fields.Length >= 1 && KnownKeys.TryGetValue(fields[0], out var known))
        {
            fields[0] = known;
        }
        if (fields.Length == 0)
        {
            return Fail("missing GOSUMDB");
        }
        if (fields.Length > 2)
        {
            return Fail("invalid GOSUMDB: too many fields");
        }
        if (!SumDbVerifierKey.TryParse(fields[0], out var key, out var keyError))
        {
            return Fail($"invalid GOSUMDB: {keyError}");
        }

        var name = key!.Name;
        if (CheckName(name) is { } nameError)
        {
            return Fail(nameError);
        }

        string? explicitUrl = null;
        if (fields.Length == 2)
        {
            if (!GoUrl.TryParse(fields[1], out _, out var urlError))
            {
                return Fail($"invalid GOSUMDB URL: {urlError}");
            }
            explicitUrl = fields[1];
        }
        return SettingParseResult.Ok(new GoSumDbSetting { Raw = raw, Name = name, Key = key, ExplicitUrl = explicitUrl });
    }

    // "No funny business in the database name": https://<name> must be only a host and a plain path.
    private static string? CheckName(string name)
    {
        var ok = GoUrl.TryParse("https://" + name, out var url, out _);
        var plain = ok && !name.EndsWith('/') && url.UserInfo is null && url.RawQuery.Length == 0 && url.Fragment.Length == 0
            && !name.Contains('?') && !name.Contains('#') && !url.Path.Contains('%') && url.Host.Length > 0;
        if (plain)
        {
            return null;
        }
        var host = ok ? url.Host : string.Empty;
        var path = ok ? url.Path : string.Empty;
        var query = ok ? url.RawQuery : string.Empty;
        var fragment = ok ? url.Fragment : string.Empty;
        var forceQuery = name.EndsWith('?') ? "true" : "false";
        return $"invalid sumdb name (must be host[/path]): {name} {{Scheme:https Opaque: User:<nil> Host:{host} Path:{path} RawPath: OmitHost:false ForceQuery:{forceQuery} RawQuery:{query} Fragment:{fragment} RawFragment:}}";
    }

    public override string ToString() => Raw;
}
