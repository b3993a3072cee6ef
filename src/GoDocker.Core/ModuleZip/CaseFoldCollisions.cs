using System.Text;
using GoDocker.Core.Modules;

namespace GoDocker.Core.ModuleZip;

/// <summary>
/// Finds paths equal under Unicode case folding (they would collide on Windows and macOS) and paths used both as
/// a file and as a directory. Parents are checked as directories too.
/// </summary>
internal sealed class CaseFoldCollisions
{
    private readonly Dictionary<string, (string Path, bool IsDir)> _seen = new(StringComparer.Ordinal);

    /// <summary>Null when p is new (or a directory seen before), else the go command's error text.</summary>
    public string? Check(string p, bool isDir)
    {
        var fold = Fold(p);
        if (_seen.TryGetValue(fold, out var other))
        {
            if (p != other.Path) return $"case-insensitive file name collision: {GoText.Quote(other.Path)} and {GoText.Quote(p)}";
            if (isDir != other.IsDir) return $"entry {GoText.Quote(p)} is both a file and a directory";
            if (!isDir) return $"multiple entries for file {GoText.Quote(p)}";
        }
        else
        {
            _seen[fold] = (p, isDir);
        }
        var parent = SlashPath.Dir(p);
        return parent != "." ? Check(parent, true) : null;
    }

    /// <summary>A key with Fold(s) == Fold(t) exactly when s and t are equal under simple case folding.</summary>
    internal static string Fold(string s)
    {
        var fast = true;
        foreach (var c in s)
        {
            if (c >= 0x80 || c is >= 'A' and <= 'Z')
            {
                fast = false;
                break;
            }
        }
        if (fast) return s;
        var sb = new StringBuilder(s.Length);
        foreach (var (_, r) in GoText.Runes(s))
        {
            var min = MinimumOfOrbit(r);
            if (min is >= 'A' and <= 'Z') min += 'a' - 'A';
            sb.Append(char.ConvertFromUtf32(min));
        }
        return sb.ToString();
    }

    // Go takes the smallest rune of the unicode.SimpleFold orbit; upper/lower mappings reach the same orbit
    // members for the cases that matter (K, k and the Kelvin sign all fold to 'K').
    private static int MinimumOfOrbit(int r)
    {
        if (r is >= 0xD800 and <= 0xDFFF) return r;
        var rune = new System.Text.Rune(r);
        var upper = System.Text.Rune.ToUpperInvariant(rune);
        var lower = System.Text.Rune.ToLowerInvariant(rune);
        var candidates = new[]
        {
            rune, upper, lower,
            System.Text.Rune.ToLowerInvariant(upper), System.Text.Rune.ToUpperInvariant(lower),
        };
        return candidates.Min(c => c.Value);
    }
}
