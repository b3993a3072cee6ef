using GoDocker.Core.Diagnostics;
using GoDocker.Core.Modules;

namespace GoDocker.Core.GoEnv;

/// <summary>
/// A GOFLAGS value as cmd/go's InitGOFLAGS reads it: each word must be its own flag (<c>-x</c>, <c>--x</c>,
/// <c>-x=value</c>), and its name must be a flag of some go command. Errors carry the go command's text,
/// such as <c>go: parsing $GOFLAGS: non-flag "mod=mod"</c>.
/// </summary>
public sealed record GoFlags
{
    public static GoFlags Empty { get; } = new(string.Empty, Array.Empty<GoFlag>());

    private GoFlags(string raw, IReadOnlyList<GoFlag> flags)
    {
        Raw = raw;
        Flags = flags;
    }

    public string Raw { get; }

    public IReadOnlyList<GoFlag> Flags { get; }

    /// <summary>Whether a flag such as "mod" (no dashes) is set, as cmd/go's InGOFLAGS.</summary>
    public bool Contains(string name) => Flags.Any(f => f.Name == name);

    /// <summary>The value of the last <c>-name=value</c>, which wins when the go command applies the list.</summary>
    public string? ValueOf(string name) => Flags.LastOrDefault(f => f.Name == name && f.HasValue)?.Value;

    /// <summary>
    /// Parses GOFLAGS. <paramref name="knownFlags"/> are the flag names (no dashes) that some go command defines;
    /// by default those of current go commands. Pass an empty set to skip the unknown-flag check.
    /// </summary>
    public static SettingParseResult<GoFlags> Parse(string? value, GoFlagsSyntax syntax = GoFlagsSyntax.Quoted,
        IReadOnlySet<string>? knownFlags = null, string variable = "GOFLAGS")
    {
        var raw = value ?? string.Empty;
        SettingParseResult<GoFlags> Fail(string message, IReadOnlyList<GoFlag> flags) =>
            SettingParseResult.Fail(new GoFlags(raw, flags), new SettingError(DiagnosticCatalog.InvalidGoFlags, variable, raw, "go: parsing $GOFLAGS: " + message));

        IReadOnlyList<string> words;
        if (syntax == GoFlagsSyntax.Quoted)
        {
            if (!TrySplitQuoted(raw, out words, out var splitError))
            {
                return Fail(splitError, Array.Empty<GoFlag>());
            }
        }
        else
        {
            words = GoStrings.Fields(raw);
        }

        var known = knownFlags ?? GoCommandFlags.Names;
        var flags = new List<GoFlag>();
        foreach (var word in words)
        {
            if (!word.StartsWith('-') || word == "-" || word == "--" || word.StartsWith("---") || word.StartsWith("-=") || word.StartsWith("--="))
            {
                return Fail($"non-flag {GoText.Quote(word)}", flags);
            }
            var name = word[1..];
            if (name.StartsWith('-'))
            {
                name = name[1..];
            }
            string? flagValue = null;
            if (name.IndexOf('=') is var eq and >= 0)
            {
                flagValue = name[(eq + 1)..];
                name = name[..eq];
            }
            if (known.Count > 0 && !known.Contains(name))
            {
                return Fail($"unknown flag -{name}", flags);
            }
            flags.Add(new GoFlag(word, name, flagValue));
        }
        return SettingParseResult.Ok(new GoFlags(raw, flags));
    }

    /// <summary>cmd/internal/quoted.Split: fields separated by ASCII white space, optionally in '' or "" (no escapes).</summary>
    public static bool TrySplitQuoted(string s, out IReadOnlyList<string> fields, out string error)
    {
        var list = new List<string>();
        fields = list;
        error = string.Empty;
        static bool IsSpaceByte(char c) => c is ' ' or '\t' or '\n' or '\r';
        var i = 0;
        while (i < s.Length)
        {
            while (i < s.Length && IsSpaceByte(s[i]))
            {
                i++;
            }
            if (i >= s.Length)
            {
                break;
            }
            if (s[i] is '"' or '\'')
            {
                var quote = s[i];
                var end = s.IndexOf(quote, i + 1);
                if (end < 0)
                {
                    error = $"unterminated {quote} string";
                    return false;
                }
                list.Add(s[(i + 1)..end]);
                i = end + 1;
                continue;
            }
            var start = i;
            while (i < s.Length && !IsSpaceByte(s[i]))
            {
                i++;
            }
            list.Add(s[start..i]);
        }
        return true;
    }

    public override string ToString() => Raw;
}
