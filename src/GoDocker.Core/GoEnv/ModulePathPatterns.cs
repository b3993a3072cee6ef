namespace GoDocker.Core.GoEnv;

/// <summary>
/// A GOPRIVATE/GONOPROXY/GONOSUMDB/GOINSECURE value: comma-separated <c>path.Match</c> globs, each matched
/// against as many leading elements of a module path as the glob has (golang.org/x/mod/module.MatchPrefixPatterns).
/// Empty and malformed globs never match, as in Go; <see cref="Parse"/> also reports the malformed ones.
/// </summary>
public sealed record ModulePathPatterns
{
    public static ModulePathPatterns None { get; } = new(string.Empty);

    public ModulePathPatterns(string raw) => Raw = raw ?? string.Empty;

    /// <summary>The setting exactly as given.</summary>
    public string Raw { get; }

    public bool IsEmpty => Raw.Length == 0;

    /// <summary>The globs in order, without the empty entries and the trailing '/' Go ignores.</summary>
    public IReadOnlyList<string> Globs => Raw.Split(',').Select(g => g.EndsWith('/') ? g[..^1] : g).Where(g => g.Length > 0).ToArray();

    /// <summary>Reads a pattern list; malformed globs become <c>InvalidModulePattern</c> errors naming Go's reason.</summary>
    public static SettingParseResult<ModulePathPatterns> Parse(string? value, string variable = "GOPRIVATE")
    {
        var patterns = new ModulePathPatterns(value ?? string.Empty);
        var errors = patterns.Globs
            .Where(g => !GoPathGlob.IsValidPattern(g))
            .Select(g => new SettingError(Diagnostics.DiagnosticCatalog.InvalidModulePattern, variable, patterns.Raw,
                $"pattern \"{g}\": {GoPathGlob.BadPatternMessage}; the go command ignores it, so it matches no module"))
            .ToArray();
        return new SettingParseResult<ModulePathPatterns>(patterns, errors);
    }

    /// <summary>Whether any glob matches a leading-element prefix of <paramref name="modulePath"/>.</summary>
    public bool Matches(string modulePath) => MatchPrefixPatterns(Raw, modulePath);

    /// <summary>The first glob that matches, for messages that say why a module is private.</summary>
    public string? FirstMatch(string modulePath) =>
        Globs.FirstOrDefault(g => MatchPrefixPatterns(g, modulePath));

    /// <summary>Port of golang.org/x/mod/module.MatchPrefixPatterns.</summary>
    public static bool MatchPrefixPatterns(string globs, string target)
    {
        while (globs.Length > 0)
        {
            string glob;
            var comma = globs.IndexOf(',');
            if (comma >= 0)
            {
                glob = globs[..comma];
                globs = globs[(comma + 1)..];
            }
            else
            {
                glob = globs;
                globs = string.Empty;
            }
            if (glob.EndsWith('/'))
            {
                glob = glob[..^1];
            }
            if (glob.Length == 0)
            {
                continue;
            }

            // A glob with N slashes is matched against the target up to (not including) its N+1'th slash.
            var n = glob.Count(c => c == '/');
            var prefix = target;
            for (var i = 0; i < target.Length; i++)
            {
                if (target[i] == '/')
                {
                    if (n == 0)
                    {
                        prefix = target[..i];
                        break;
                    }
                    n--;
                }
            }
            if (n > 0)
            {
                continue;
            }
            if (GoPathGlob.IsMatch(glob, prefix))
            {
                return true;
            }
        }
        return false;
    }

    public override string ToString() => Raw;
}
