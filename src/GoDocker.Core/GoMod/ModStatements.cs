using GoDocker.Core.Modules;

namespace GoDocker.Core.GoMod;

/// <summary>The <c>module</c> directive.</summary>
public sealed class ModModule
{
    public ModuleVersion Mod { get; set; } = new("", "");
    /// <summary>The text after "Deprecated:" in the directive's comments, or empty.</summary>
    public string Deprecated { get; set; } = "";
    public required ModLine Syntax { get; set; }
}

/// <summary>The <c>go</c> directive.</summary>
public sealed class ModGo
{
    public string Version { get; set; } = "";
    public required ModLine Syntax { get; set; }
}

/// <summary>The <c>toolchain</c> directive.</summary>
public sealed class ModToolchain
{
    public string Name { get; set; } = "";
    public required ModLine Syntax { get; set; }
}

/// <summary>One <c>godebug key=value</c> line.</summary>
public sealed class ModGodebug
{
    public string Key { get; set; } = "";
    public string Value { get; set; } = "";
    public required ModLine Syntax { get; set; }

    // go.mod and go.work edit godebug lines by the same rules; both files call these.

    /// <summary>Sets the first godebug line for key to value and removes the others; adds a line when there is none.</summary>
    internal static void Set(List<ModGodebug> godebugs, ModFileSyntax syntax, string key, string value)
    {
        var need = true;
        foreach (var g in godebugs)
        {
            if (g.Key != key) continue;
            if (need)
            {
                g.Value = value;
                ModFileSyntax.UpdateLine(g.Syntax, "godebug", key + "=" + value);
                need = false;
            }
            else
            {
                g.Syntax.MarkRemoved();
                g.Key = g.Value = "";
            }
        }
        if (need) godebugs.Add(new ModGodebug { Key = key, Value = value, Syntax = syntax.AddLine(null, "godebug", key + "=" + value) });
    }

    /// <summary>Marks every godebug line for key removed; Cleanup then drops them.</summary>
    internal static void Drop(List<ModGodebug> godebugs, string key)
    {
        foreach (var g in godebugs.Where(g => g.Key == key))
        {
            g.Syntax.MarkRemoved();
            g.Key = g.Value = "";
        }
    }
}

/// <summary>One <c>require</c> line.</summary>
public sealed class ModRequire
{
    public ModuleVersion Mod { get; set; } = new("", "");
    /// <summary>Whether the line carries a <c>// indirect</c> (or <c>// indirect; ...</c>) comment.</summary>
    public bool Indirect { get; set; }
    public ModLine? Syntax { get; set; }

    /// <summary>x/mod's isIndirect: the first suffix comment is "indirect" or starts with "indirect;".</summary>
    public static bool IsIndirect(ModLine line)
    {
        if (line.Comments.Suffix.Count == 0) return false;
        var f = GoStrings.Fields(TrimPrefix(line.Comments.Suffix[0].Token, "//"));
        return (f.Count == 1 && f[0] == "indirect") || (f.Count > 1 && f[0] == "indirect;");
    }

    internal void MarkRemoved()
    {
        Syntax?.MarkRemoved();
        Mod = new ModuleVersion("", "");
        Indirect = false;
    }

    internal void SetVersion(string v)
    {
        Mod = Mod with { Version = v };
        var line = Syntax;
        if (line?.Token is not { Count: > 0 } tokens) return;
        if (line.InBlock)
        {
            // A blank line kept before the requirement goes away when its version changes (golang.org/issue/33779).
            if (line.Comments.Before.Count == 1 && line.Comments.Before[0].Token.Length == 0) line.Comments.Before.Clear();
            if (tokens.Count >= 2) tokens[1] = v;
        }
        else if (tokens.Count >= 3)
        {
            tokens[2] = v;
        }
    }

    internal void SetIndirect(bool indirect)
    {
        Indirect = indirect;
        var line = Syntax!;
        if (IsIndirect(line) == indirect) return;
        if (indirect)
        {
            if (line.Comments.Suffix.Count == 0)
            {
                line.Comments.Suffix = [new ModComment(default, "// indirect", true)];
                return;
            }
            var com = line.Comments.Suffix[0];
            var text = TrimPrefix(com.Token, "//").Trim();
            com.Token = text.Length == 0 ? "// indirect" : "// indirect; " + text;
            return;
        }
        var f = TrimPrefix(line.Comments.Suffix[0].Token, "//").Trim();
        if (f == "indirect")
        {
            line.Comments.Suffix = [];
            return;
        }
        var c = line.Comments.Suffix[0];
        var i = c.Token.IndexOf("indirect;", StringComparison.Ordinal);
        c.Token = "//" + c.Token[(i + "indirect;".Length)..];
    }

    internal static string TrimPrefix(string s, string prefix) => s.StartsWith(prefix, StringComparison.Ordinal) ? s[prefix.Length..] : s;

}

/// <summary>One <c>exclude</c> line.</summary>
public sealed class ModExclude
{
    public ModuleVersion Mod { get; set; } = new("", "");
    public required ModLine Syntax { get; set; }
}

/// <summary>One <c>replace</c> line; <see cref="New"/> has no version when it is a directory.</summary>
public sealed class ModReplace
{
    public ModuleVersion Old { get; set; } = new("", "");
    public ModuleVersion New { get; set; } = new("", "");
    public required ModLine Syntax { get; set; }
}

/// <summary>A closed interval of versions; a single retracted version has Low == High.</summary>
public sealed record VersionInterval(string Low, string High);

/// <summary>One <c>retract</c> line.</summary>
public sealed class ModRetract
{
    public VersionInterval Interval { get; set; } = new("", "");
    public string Low => Interval.Low;
    public string High => Interval.High;
    /// <summary>The comments before or after the directive (or its block), without the slashes.</summary>
    public string Rationale { get; set; } = "";
    public required ModLine Syntax { get; set; }
}

/// <summary>One <c>tool</c> line.</summary>
public sealed class ModTool
{
    public string Path { get; set; } = "";
    public required ModLine Syntax { get; set; }
}

/// <summary>One <c>ignore</c> line.</summary>
public sealed class ModIgnore
{
    public string Path { get; set; } = "";
    public required ModLine Syntax { get; set; }
}

/// <summary>The result of a <see cref="VersionFixer"/>: a fixed version, or an error message.</summary>
/// <param name="IsModuleError">True when the error is a module.ModuleError, which x/mod prefixes with the directive and path.</param>
public sealed record VersionFix(string? Version, string? Error = null, bool IsModuleError = false)
{
    public static VersionFix Ok(string version) => new(version);
    public static VersionFix Fail(string error, bool isModuleError = false) => new(null, error, isModuleError);
}

/// <summary>Canonicalizes a version found in the file (x/mod's VersionFixer); without one, versions must already be canonical.</summary>
public delegate VersionFix VersionFixer(string path, string version);
