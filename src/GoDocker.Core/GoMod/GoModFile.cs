using System.Text;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.Modules;

namespace GoDocker.Core.GoMod;

/// <summary>
/// A parsed go.mod file (x/mod's modfile.File): its directives and the syntax tree they point into.
/// <see cref="Parse(string, string, VersionFixer?)"/> checks it as the main module's go.mod, <see cref="ParseLax(string, string, VersionFixer?)"/>
/// as a dependency's. Parsing problems throw <see cref="ModParseException"/> and nothing else.
/// </summary>
public sealed partial class GoModFile
{
    public ModModule? Module { get; set; }
    public ModGo? Go { get; set; }
    public ModToolchain? Toolchain { get; set; }
    public List<ModGodebug> Godebug { get; } = [];
    public List<ModRequire> Require { get; } = [];
    public List<ModExclude> Exclude { get; } = [];
    public List<ModReplace> Replace { get; } = [];
    public List<ModRetract> Retract { get; } = [];
    public List<ModTool> Tool { get; } = [];
    public List<ModIgnore> Ignore { get; } = [];
    public ModFileSyntax Syntax { get; set; } = new();

    /// <summary>Parses a main module's go.mod with every check the go command applies.</summary>
    public static GoModFile Parse(string fileName, string data, VersionFixer? fix = null) => Parse(fileName, GoText.ToBytes(data), fix);

    /// <inheritdoc cref="Parse(string, string, VersionFixer?)"/>
    public static GoModFile Parse(string fileName, byte[] data, VersionFixer? fix = null) => ParseToFile(fileName, data, fix, strict: true);

    /// <summary>Parses a dependency's go.mod: unknown and main-module-only directives are ignored.</summary>
    public static GoModFile ParseLax(string fileName, string data, VersionFixer? fix = null) => ParseLax(fileName, GoText.ToBytes(data), fix);

    /// <inheritdoc cref="ParseLax(string, string, VersionFixer?)"/>
    public static GoModFile ParseLax(string fileName, byte[] data, VersionFixer? fix = null) => ParseToFile(fileName, data, fix, strict: false);

    /// <summary>Parses a main module's go.mod as the go command of <paramref name="release"/> does (its directives and go versions only).</summary>
    public static GoModFile Parse(string fileName, byte[] data, GoModRelease release) => ParseToFile(fileName, data, null, strict: true, release);

    /// <summary>Parses like <see cref="Parse(string, string, VersionFixer?)"/> and reports problems as GD2001 diagnostics instead of throwing.</summary>
    public static GoModFile? TryParse(string path, byte[] data, out IReadOnlyList<Diagnostic> diagnostics, bool strict = true, GoModRelease? release = null)
    {
        try
        {
            diagnostics = [];
            return ParseToFile(path, data, null, strict, release);
        }
        catch (ModParseException e)
        {
            diagnostics = e.ToGoModDiagnostics(path);
            return null;
        }
    }

    private static GoModFile ParseToFile(string fileName, byte[] data, VersionFixer? fix, bool strict, GoModRelease? release = null)
    {
        release ??= GoModRelease.Latest;
        var fs = ModSyntaxParser.Parse(fileName, data);
        var f = new GoModFile { Syntax = fs };
        var errs = new List<ModError>();
        try
        {
            foreach (var x in fs.Stmt)
            {
                switch (x)
                {
                    case ModLine line:
                        f.Add(errs, null, line, line.Token![0], 1, fix, strict, release);
                        break;
                    case ModLineBlock block:
                        if (block.Token.Count > 1 || !BlockVerbs.Contains(block.Token[0]) || !release.Knows(block.Token[0]))
                        {
                            if (strict) errs.Add(new ModError(fileName, block.Start, "unknown block type: " + string.Join(" ", block.Token)));
                            continue;
                        }
                        foreach (var l in block.Line) f.Add(errs, block, l, block.Token[0], 0, fix, strict, release);
                        break;
                }
            }
            f.FixRetract(fix, errs);
        }
        catch (Exception e) when (e is not ModParseException)
        {
            errs.Add(new ModError(fileName, default, "internal error: " + e.Message));
        }
        if (errs.Count > 0) throw new ModParseException(errs);
        return f;
    }

    private static readonly HashSet<string> BlockVerbs = ["module", "godebug", "require", "exclude", "replace", "retract", "tool", "ignore"];

    private void Add(List<ModError> errs, ModLineBlock? block, ModLine line, string verb, int argStart, VersionFixer? fix, bool strict, GoModRelease release)
    {
        // Dependencies keep only what matters to the main module's build; newer directives there must not break older go commands.
        if (!strict && verb is not ("go" or "module" or "retract" or "require")) return;

        var tokens = line.Token!;
        var nargs = tokens.Count - argStart;
        void Errorf(string message) => errs.Add(new ModError(Syntax.Name, line.Start, message));
        void Wrap(ModRules.Failure f) => errs.Add(new ModError(Syntax.Name, line.Start, f.Message, f.Verb, f.ModPath));

        switch (release.Knows(verb) ? verb : "")
        {
            default:
                Errorf("unknown directive: " + verb);
                break;

            case "go":
                if (Go is not null) { Errorf("repeated go statement"); return; }
                if (nargs != 1) { Errorf("go directive expects exactly one argument"); return; }
                if (!release.IsGoVersion(tokens[argStart]))
                {
                    var fixedVersion = strict ? null : ModRules.LaxGoVersion(tokens[argStart]);
                    if (fixedVersion is null)
                    {
                        Errorf($"invalid go version '{tokens[argStart]}': must match format {release.GoVersionFormat}");
                        return;
                    }
                    tokens[argStart] = fixedVersion;
                }
                Go = new ModGo { Syntax = line, Version = tokens[argStart] };
                break;

            case "toolchain":
                if (Toolchain is not null) { Errorf("repeated toolchain statement"); return; }
                if (ModRules.ToolchainDirectiveError(tokens, argStart) is { } toolchainError) { Errorf(toolchainError); return; }
                Toolchain = new ModToolchain { Syntax = line, Name = tokens[argStart] };
                break;

            case "module":
                if (Module is not null) { Errorf("repeated module statement"); return; }
                Module = new ModModule { Syntax = line, Deprecated = ModRules.ParseDeprecation(block, line) };
                if (nargs != 1) { Errorf("usage: module module/path"); return; }
                var merr = ModRules.ParseString(tokens, argStart, out var modPath);
                if (merr is not null) { Errorf("invalid quoted string: " + merr); return; }
                Module.Mod = new ModuleVersion(modPath, "");
                break;

            case "godebug":
                if (!TryParseGodebug(tokens, argStart, out var key, out var value)) { Errorf("usage: godebug key=value"); return; }
                Godebug.Add(new ModGodebug { Key = key, Value = value, Syntax = line });
                break;

            case "require" or "exclude":
                if (nargs != 2) { Errorf($"usage: {verb} module/path v1.2.3"); return; }
                var serr = ModRules.ParseString(tokens, argStart, out var s);
                if (serr is not null) { Errorf("invalid quoted string: " + serr); return; }
                var vf = ModRules.ParseVersion(verb, s, tokens, argStart + 1, fix, out var v);
                if (vf is { } vfail) { Wrap(vfail); return; }
                var majorErr = ModRules.ModulePathMajor(s, out var pathMajor);
                if (majorErr is not null) { Errorf(majorErr); return; }
                var pm = ModulePath.CheckPathMajor(v, pathMajor);
                if (pm is not null) { Wrap(new ModRules.Failure(pm, verb, s)); return; }
                if (verb == "require")
                    Require.Add(new ModRequire { Mod = new ModuleVersion(s, v), Syntax = line, Indirect = ModRequire.IsIndirect(line) });
                else
                    Exclude.Add(new ModExclude { Mod = new ModuleVersion(s, v), Syntax = line });
                break;

            case "replace":
                var rf = ModRules.ParseReplace(line, verb, argStart, fix, out var replace);
                if (rf is { } rfail) { Wrap(rfail); return; }
                Replace.Add(replace!);
                break;

            case "retract":
                var rationale = ModRules.ParseDirectiveComment(block, line);
                // Versions of retract lines are fixed once the module path is known (see FixRetract).
                var inf = ModRules.ParseVersionInterval(verb, "", tokens, argStart, (_, ver) => VersionFix.Ok(ver), out var vi, out var next);
                if (inf is { } ifail)
                {
                    if (strict) Wrap(ifail);
                    return;
                }
                if (next < tokens.Count && strict)
                {
                    Errorf($"unexpected token after version: {GoText.Quote(tokens[next])}");
                    return;
                }
                Retract.Add(new ModRetract { Interval = vi, Rationale = rationale, Syntax = line });
                break;

            case "tool":
                if (nargs != 1) { Errorf("tool directive expects exactly one argument"); return; }
                var terr = ModRules.ParseString(tokens, argStart, out var toolPath);
                if (terr is not null) { Errorf("invalid quoted string: " + terr); return; }
                Tool.Add(new ModTool { Path = toolPath, Syntax = line });
                break;

            case "ignore":
                if (nargs != 1) { Errorf("ignore directive expects exactly one argument"); return; }
                var ierr = ModRules.ParseString(tokens, argStart, out var ignorePath);
                if (ierr is not null) { Errorf("invalid quoted string: " + ierr); return; }
                Ignore.Add(new ModIgnore { Path = ignorePath, Syntax = line });
                break;
        }
    }

    internal static bool TryParseGodebug(List<string> tokens, int argStart, out string key, out string value)
    {
        key = value = "";
        if (tokens.Count - argStart != 1 || tokens[argStart].AsSpan().IndexOfAny("\"`',") >= 0) return false;
        var arg = tokens[argStart];
        var eq = arg.IndexOf('=');
        if (eq < 0) return false;
        key = arg[..eq];
        value = arg[(eq + 1)..];
        return true;
    }

    private void FixRetract(VersionFixer? fix, List<ModError> errs)
    {
        if (fix is null) return;
        var path = Module?.Mod.Path ?? "";
        foreach (var r in Retract)
        {
            if (path.Length == 0)
            {
                errs.Add(new ModError(Syntax.Name, r.Syntax.Start, "no module directive found, so retract cannot be used"));
                return;
            }
            var tokens = r.Syntax.Token!;
            var start = tokens.Count > 0 && tokens[0] == "retract" ? 1 : 0;
            var f = ModRules.ParseVersionInterval("retract", path, tokens, start, fix, out var vi, out _);
            if (f is { } fail) errs.Add(new ModError(Syntax.Name, r.Syntax.Start, fail.Message, fail.Verb, fail.ModPath));
            r.Interval = vi;
        }
    }

    /// <summary>The file in the go command's standard format (modfile.Format).</summary>
    public string Format() => ModFormatter.Format(Syntax);

    /// <summary>x/mod's ModulePath: the module path of go.mod text, tolerant of any other problem; empty when none is found.</summary>
    public static string ModulePathOf(string mod)
    {
        foreach (var rawLine in mod.Split('\n'))
        {
            var line = rawLine;
            var c = line.IndexOf("//", StringComparison.Ordinal);
            if (c >= 0) line = line[..c];
            line = line.Trim(AsciiSpace);
            if (!line.StartsWith("module", StringComparison.Ordinal)) continue;
            line = line["module".Length..];
            var n = line.Length;
            line = line.Trim(AsciiSpace);
            if (line.Length == n || line.Length == 0) continue;
            if (line[0] is '"' or '`') return GoQuote.Unquote(line) ?? "";
            return line;
        }
        return "";
    }

    private static readonly char[] AsciiSpace = [' ', '\t', '\n', '\v', '\f', '\r', '\u0085', '\u00A0'];

    /// <summary>
    /// The require line for <paramref name="modulePath"/>. The path may arrive escaped as in proxy URLs and go.sum
    /// diagnostics (<c>!azure</c> or <c>%21azure</c>); it is unescaped before matching.
    /// </summary>
    public ModRequire? FindRequire(string modulePath)
    {
        foreach (var candidate in PathCandidates(modulePath))
        {
            var r = Require.FirstOrDefault(x => x.Mod.Path == candidate);
            if (r is not null) return r;
        }
        return null;
    }

    /// <summary>Where the require line of <paramref name="modulePath"/> stands in the file at <paramref name="path"/>, or null.</summary>
    public SourceLocation? LocateRequire(string modulePath, string path) =>
        FindRequire(modulePath)?.Syntax is { } line ? LocationOf(line, path) : null;

    internal static IEnumerable<string> PathCandidates(string modulePath)
    {
        yield return modulePath;
        var decoded = modulePath.Contains('%') ? SafeUrlDecode(modulePath) : modulePath;
        if (decoded != modulePath) yield return decoded;
        if (decoded.Contains('!') && ModulePath.TryUnescapePath(decoded, out var unescaped, out _)) yield return unescaped;
    }

    private static string SafeUrlDecode(string s)
    {
        try
        {
            return Uri.UnescapeDataString(s);
        }
        catch (UriFormatException)
        {
            return s;
        }
    }

    /// <summary>Where a directive line stands, for a diagnostic: the whole line, from its first to its last token.</summary>
    public static SourceLocation LocationOf(ModLine line, string path)
    {
        if (!line.Start.IsKnown) return SourceLocation.Of(path);
        return new SourceLocation(path, line.Start.Line, line.Start.LineRune, line.End.Line, line.End.LineRune);
    }

    /// <summary>
    /// Where a require line stands from its module path to its end, so <c>require x v1</c> and a block line both
    /// start at the path (falls back to the whole line).
    /// </summary>
    public static SourceLocation PathLocationOf(ModRequire require, string path)
    {
        var line = require.Syntax;
        if (line is null) return SourceLocation.Of(path);
        var whole = LocationOf(line, path);
        return line.SpanOfToken(line.InBlock ? 0 : 1) is { } span
            ? whole with { Line = span.Start.Line, Column = span.Start.LineRune }
            : whole;
    }

    /// <summary>Where the version token of a require line stands (falls back to the whole line).</summary>
    public static SourceLocation VersionLocationOf(ModRequire require, string path)
    {
        var line = require.Syntax;
        if (line is null) return SourceLocation.Of(path);
        var index = line.InBlock ? 1 : 2;
        if (line.SpanOfToken(index) is { } span)
            return new SourceLocation(path, span.Start.Line, span.Start.LineRune, span.End.Line, span.End.LineRune);
        return LocationOf(line, path);
    }
}
