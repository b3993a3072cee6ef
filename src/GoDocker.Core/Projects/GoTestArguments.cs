using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace GoDocker.Core.Projects;

/// <summary>
/// GoTestPackages and GoTestFlags as the words of the test stage's <c>go test</c>. The words reach the Dockerfile
/// shell-quoted either way; shell syntax (<c>;</c>, <c>$(...)</c>, pipes) is refused here so a value that meant to run
/// a command says so at its line instead of becoming an odd go test argument.
/// </summary>
public static partial class GoTestArguments
{
    public const string DefaultPackages = "./...";

    /// <summary>Flags the test stage owns: its JSON is what the SDK reads, and -c/-o/-n would run no test.</summary>
    private static readonly Dictionary<string, string> OwnedFlags = new()
    {
        ["json"] = "the SDK always runs go test -json and reads its events",
        ["c"] = "it compiles the test binary without running it",
        ["o"] = "it names a test binary to keep instead of running the tests",
        ["n"] = "it only prints commands and runs nothing",
        ["C"] = "it changes the directory the tests run in; list the packages in GoTestPackages instead",
        ["args"] = "the words after it would go to the test binary unchecked",
    };

    /// <summary>The go test and build flags that take no value; any other flag without '=' takes the next word.</summary>
    private static readonly HashSet<string> BoolFlags =
    [
        "a", "race", "msan", "asan", "cover", "v", "work", "x", "trimpath", "linkshared", "modcacherw", "buildvcs",
        "short", "failfast", "benchmem", "fullpath",
    ];

    public static bool TryParsePackages(string? text, out ImmutableArray<string> packages, out string error)
    {
        packages = [];
        error = "";
        var words = (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            packages = [DefaultPackages];
            return true;
        }
        foreach (var word in words)
        {
            if (ShellSyntax(word) is { } syntax)
            {
                error = $"'{word}' holds shell syntax ({syntax}); list package patterns such as ./... or ./internal/...";
                return false;
            }
            if (!PackagePatternRegex().IsMatch(word))
            {
                error = $"'{word}' is not a package pattern; use patterns relative to the module such as ./... or ./internal/...";
                return false;
            }
        }
        packages = [.. words];
        return true;
    }

    public static bool TryParseFlags(string? text, out ImmutableArray<string> flags, out string error)
    {
        flags = [];
        if (ShellSyntax(text ?? "") is { } syntax)
        {
            error = $"it holds shell syntax ({syntax}), which go test does not take";
            return false;
        }
        if (!GoBuildFlagList.TrySplitWords(text ?? "", out var words, out error))
        {
            return false;
        }
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (!word.StartsWith('-') || word is "-" or "--")
            {
                error = $"'{word}' is not a flag; each word must be a go test flag such as -race or -run TestName";
                return false;
            }
            var name = word.TrimStart('-');
            var eq = name.IndexOf('=');
            if (eq >= 0)
            {
                name = name[..eq];
            }
            if (OwnedFlags.TryGetValue(name, out var why))
            {
                error = $"-{name} cannot be set here: {why}";
                return false;
            }
            if (eq < 0 && !BoolFlags.Contains(name))
            {
                if (i + 1 >= words.Count)
                {
                    error = $"-{name} needs a value";
                    return false;
                }
                i++; // the next word is this flag's value (-run 'TestA|TestB')
            }
        }
        flags = [.. words];
        return true;
    }

    /// <summary>
    /// What only a shell reads as a command. A lone '|', '&gt;' or '&lt;' word is refused as "not a flag"; inside a word
    /// ('-run=TestA|TestB') it is a regular expression.
    /// </summary>
    private static string? ShellSyntax(string text)
    {
        foreach (var token in (string[])[";", "$(", "`", "&&", "||", "\n", "\r"])
        {
            if (text.Contains(token, StringComparison.Ordinal))
            {
                return token switch { "\n" => "a line break", "\r" => "a line break", _ => "'" + token + "'" };
            }
        }
        return null;
    }

    [GeneratedRegex(@"^(\.{1,2}|\.{1,2}/[A-Za-z0-9_.+~@/\-]*|[A-Za-z0-9][A-Za-z0-9_.+~@/\-]*)$")]
    private static partial Regex PackagePatternRegex();
}
