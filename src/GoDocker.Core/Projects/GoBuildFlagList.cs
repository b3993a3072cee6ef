using System.Collections.Immutable;
using System.Text;

namespace GoDocker.Core.Projects;

/// <summary>
/// The GoBuildFlags property as a list of <c>go build</c> arguments. Words split on whitespace; single or double
/// quotes group a value with spaces (<c>-gcflags "all=-N -l"</c>). Only flags <c>go build</c> knows are accepted,
/// so a value cannot smuggle another command into the build step; -o and -ldflags are owned by the SDK.
/// </summary>
public sealed record GoBuildFlagList(ImmutableArray<string> Arguments)
{
    public static GoBuildFlagList Empty { get; } = new(ImmutableArray<string>.Empty);

    private static readonly HashSet<string> BoolFlags =
    [
        "a", "race", "msan", "asan", "cover", "v", "work", "x", "trimpath", "linkshared", "modcacherw", "buildvcs",
    ];

    private static readonly HashSet<string> ValueFlags =
    [
        "p", "covermode", "coverpkg", "asmflags", "buildmode", "compiler", "gccgoflags", "gcflags", "installsuffix",
        "mod", "modfile", "overlay", "pgo", "pkgdir", "tags", "toolexec",
    ];

    private static readonly Dictionary<string, string> OwnedFlags = new()
    {
        ["o"] = "the SDK sets the output path",
        ["ldflags"] = "use the GoLdflags property",
        ["C"] = "it changes the directory the SDK builds in; set GoMainPackage instead",
        ["n"] = "it only prints commands and builds nothing",
    };

    /// <summary>Whether the list holds <c>-mod=vendor</c> (or <c>-mod vendor</c>).</summary>
    public bool HasModVendor => ModValue == "vendor";

    /// <summary>The value of -mod, if given.</summary>
    public string? ModValue
    {
        get
        {
            string? mod = null;
            for (var i = 0; i < Arguments.Length; i++)
            {
                var (name, value) = Split(Arguments[i]);
                if (name == "mod")
                {
                    mod = value ?? (i + 1 < Arguments.Length ? Arguments[i + 1] : null);
                }
            }
            return mod;
        }
    }

    public static bool TryParse(string? text, out GoBuildFlagList flags, out string error)
    {
        flags = Empty;
        if (!TrySplitWords(text ?? "", out var words, out error))
        {
            return false;
        }
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (!word.StartsWith('-') || word is "-" or "--")
            {
                error = $"'{word}' is not a flag; each word must be a go build flag such as -tags=netgo";
                return false;
            }
            var (name, value) = Split(word);
            if (OwnedFlags.TryGetValue(name, out var why))
            {
                error = $"-{name} cannot be set here: {why}";
                return false;
            }
            if (BoolFlags.Contains(name))
            {
                continue;
            }
            if (!ValueFlags.Contains(name))
            {
                error = $"-{name} is not a go build flag";
                return false;
            }
            if (value is null)
            {
                if (i + 1 >= words.Count)
                {
                    error = $"-{name} needs a value";
                    return false;
                }
                i++; // the next word is this flag's value, whatever it looks like
            }
        }
        flags = new GoBuildFlagList(words.ToImmutableArray());
        return true;
    }

    private static (string Name, string? Value) Split(string word)
    {
        var trimmed = word.TrimStart('-');
        var eq = trimmed.IndexOf('=');
        return eq < 0 ? (trimmed, null) : (trimmed[..eq], trimmed[(eq + 1)..]);
    }

    internal static bool TrySplitWords(string text, out List<string> words, out string error)
    {
        words = [];
        error = "";
        var current = new StringBuilder();
        var inWord = false;
        char quote = '\0';
        foreach (var c in text)
        {
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(current.ToString());
                    current.Clear();
                    inWord = false;
                }
            }
            else
            {
                current.Append(c);
                inWord = true;
            }
        }
        if (quote != '\0')
        {
            error = $"a {quote} quote is not closed";
            return false;
        }
        if (inWord)
        {
            words.Add(current.ToString());
        }
        return true;
    }
}
