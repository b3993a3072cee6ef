using System.Text.RegularExpressions;

namespace GoDocker.Core.Projects;

/// <summary>
/// The checks the go command makes of a GoEnvironmentVariable's value before it does anything (so the build would
/// fail on them), in its words where it has them, and the values it accepts that still break module downloads.
/// </summary>
public static partial class GoVariableValue
{
    private static readonly HashSet<string> VcsNames = new(StringComparer.Ordinal) { "all", "off", "git", "hg", "svn", "bzr", "fossil" };

    /// <summary>Why the go command rejects <paramref name="value"/> for <paramref name="name"/>, or null.</summary>
    public static string? Problem(string name, string value)
    {
        switch (name)
        {
            case "GO111MODULE" when value is not ("" or "on" or "off" or "auto"):
                return $"go: unknown environment setting GO111MODULE={value}; use on, off or auto";
            case "GOFIPS140" when !(value is "off" or "latest" or "inprocess" or "certified" || FipsVersionRegex().IsMatch(value)):
                return $"GOFIPS140={value} is not 'off', 'latest', 'inprocess', 'certified' or a module version such as v1.0.0";
            case "GOEXPERIMENT":
                foreach (var part in value.Split(','))
                {
                    if (part.Length > 0 && !ExperimentRegex().IsMatch(part))
                    {
                        return $"unknown GOEXPERIMENT {part}: use comma-separated experiment names, each optionally prefixed 'no'";
                    }
                }
                return null;
            case "GOVCS":
                return GovcsProblem(value);
            case "GODEBUG":
                // The runtime skips an entry without '=' without a word, so the setting would silently do nothing.
                return value.Split(',').FirstOrDefault(e => e.Length > 0 && !GodebugRegex().IsMatch(e)) is { } entry
                    ? $"the entry '{entry}' is not name=value, and go ignores it without a word; write entries such as tlsmlkem=0, separated by ','"
                    : null;
            case "GOAMD64" when value is not ("v1" or "v2" or "v3" or "v4"):
                return $"invalid GOAMD64: must be v1, v2, v3, v4";
            case "GO386" when value is not ("sse2" or "softfloat"):
                return "invalid GO386: must be sse2, softfloat";
            case "GOARM" when !GoarmRegex().IsMatch(value):
                return "invalid GOARM: must start with 5, 6, or 7, and may optionally end in either ',hardfloat' or ',softfloat'";
            default:
                if (name.StartsWith("CGO_", StringComparison.Ordinal) && name.EndsWith("FLAGS", StringComparison.Ordinal) && GoProjectSettingsReader.UnbalancedQuote(value) is { } quote)
                {
                    return $"a {quote} quote is not closed, so the go command cannot split the flags";
                }
                return null;
        }
    }

    /// <summary>A value the go command accepts that keeps the module download from working, or null.</summary>
    public static string? Pitfall(string name, string value) => name switch
    {
        "GO111MODULE" when value == "off" =>
            "GO111MODULE=off turns module mode off, so go ignores go.mod and go.sum and 'go mod download' fails; leave it unset (module mode is the default since Go 1.16) or use 'on'",
        _ => null,
    };

    // modload's GOVCS parsing: "pattern:vcs|vcs,..." with all/off only alone and no repeated pattern.
    private static string? GovcsProblem(string value)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in value.Split(','))
        {
            var text = item.Trim();
            if (text.Length == 0)
            {
                return "empty entry in GOVCS";
            }
            var colon = text.IndexOf(':');
            if (colon < 0)
            {
                return $"GOVCS missing colon: {text}";
            }
            var pattern = text[..colon].Trim();
            var list = text[(colon + 1)..].Trim();
            if (pattern.Length == 0)
            {
                return $"empty pattern in GOVCS: {text}";
            }
            if (list.Length == 0)
            {
                return $"empty VCS list in GOVCS: {text}";
            }
            if (!seen.Add(pattern))
            {
                return $"unreachable pattern in GOVCS: {text} after earlier {pattern}";
            }
            var vcses = list.Split('|');
            foreach (var vcs in vcses)
            {
                if (!VcsNames.Contains(vcs))
                {
                    return $"unknown VCS {vcs} in GOVCS: {text}; use git, hg, svn, bzr, fossil, all or off";
                }
                if (vcs is "all" or "off" && vcses.Length > 1)
                {
                    return $"cannot mix {vcs} with other VCSes in GOVCS: {text}";
                }
            }
        }
        return null;
    }

    [GeneratedRegex(@"^v[0-9]+\.[0-9]+\.[0-9]+(?:-[0-9A-Za-z.\-]+)?$")]
    private static partial Regex FipsVersionRegex();

    [GeneratedRegex(@"^[A-Za-z0-9_]+$")]
    private static partial Regex ExperimentRegex();

    [GeneratedRegex(@"^[A-Za-z0-9_.\-]+=[^,]*$")]
    private static partial Regex GodebugRegex();

    [GeneratedRegex(@"^[567](?:,(?:softfloat|hardfloat))?$")]
    private static partial Regex GoarmRegex();
}
