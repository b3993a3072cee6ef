using GoDocker.Core.Diagnostics;
using GoDocker.Core.GoMod;
using GoDocker.Core.Modules;

namespace GoDocker.Core.GoWork;

/// <summary>One <c>use</c> line of go.work.</summary>
public sealed class WorkUse
{
    /// <summary>The directory, as written (unquoted).</summary>
    public string Path { get; set; } = "";
    /// <summary>The module path an edit associated with the directory (not read from the file).</summary>
    public string ModulePath { get; set; } = "";
    public required ModLine Syntax { get; set; }
}

/// <summary>
/// A parsed go.work file (x/mod's modfile.WorkFile): go, toolchain, godebug, use and replace directives.
/// Problems throw <see cref="ModParseException"/> and nothing else.
/// </summary>
public sealed class GoWorkFile
{
    public ModGo? Go { get; set; }
    public ModToolchain? Toolchain { get; set; }
    public List<ModGodebug> Godebug { get; } = [];
    public List<WorkUse> Use { get; } = [];
    public List<ModReplace> Replace { get; } = [];
    public ModFileSyntax Syntax { get; set; } = new();

    public static GoWorkFile Parse(string fileName, string data, VersionFixer? fix = null) => Parse(fileName, GoText.ToBytes(data), fix);

    public static GoWorkFile Parse(string fileName, byte[] data, VersionFixer? fix = null)
    {
        var fs = ModSyntaxParser.Parse(fileName, data);
        var f = new GoWorkFile { Syntax = fs };
        var errs = new List<ModError>();
        try
        {
            foreach (var x in fs.Stmt)
            {
                switch (x)
                {
                    case ModLine line:
                        f.Add(errs, line, line.Token![0], 1, fix);
                        break;
                    case ModLineBlock block:
                        if (block.Token.Count > 1 || block.Token[0] is not ("use" or "replace" or "godebug"))
                        {
                            errs.Add(new ModError(fileName, block.Start, "unknown block type: " + string.Join(" ", block.Token)));
                            continue;
                        }
                        foreach (var l in block.Line) f.Add(errs, l, block.Token[0], 0, fix);
                        break;
                }
            }
        }
        catch (Exception e) when (e is not ModParseException)
        {
            errs.Add(new ModError(fileName, default, "internal error: " + e.Message));
        }
        if (errs.Count > 0) throw new ModParseException(errs);
        return f;
    }

    /// <summary>Parses and reports problems as GD2003 diagnostics instead of throwing.</summary>
    public static GoWorkFile? TryParse(string path, byte[] data, out IReadOnlyList<Diagnostic> diagnostics)
    {
        try
        {
            diagnostics = [];
            return Parse(path, data);
        }
        catch (ModParseException e)
        {
            diagnostics = e.ToGoWorkDiagnostics(path);
            return null;
        }
    }

    private void Add(List<ModError> errs, ModLine line, string verb, int argStart, VersionFixer? fix)
    {
        var tokens = line.Token!;
        var nargs = tokens.Count - argStart;
        void Errorf(string message) => errs.Add(new ModError(Syntax.Name, line.Start, message));

        switch (verb)
        {
            default:
                Errorf("unknown directive: " + verb);
                break;
            case "go":
                if (Go is not null) { Errorf("repeated go statement"); return; }
                if (nargs != 1) { Errorf("go directive expects exactly one argument"); return; }
                if (!ModRules.IsGoVersion(tokens[argStart])) { Errorf($"invalid go version '{tokens[argStart]}': must match format 1.23.0"); return; }
                Go = new ModGo { Syntax = line, Version = tokens[argStart] };
                break;
            case "toolchain":
                if (Toolchain is not null) { Errorf("repeated toolchain statement"); return; }
                if (ModRules.ToolchainDirectiveError(tokens, argStart) is { } toolchainError) { Errorf(toolchainError); return; }
                Toolchain = new ModToolchain { Syntax = line, Name = tokens[argStart] };
                break;
            case "godebug":
                if (!GoModFile.TryParseGodebug(tokens, argStart, out var key, out var value)) { Errorf("usage: godebug key=value"); return; }
                Godebug.Add(new ModGodebug { Key = key, Value = value, Syntax = line });
                break;
            case "use":
                if (nargs != 1) { Errorf($"usage: {verb} local/dir"); return; }
                var err = ModRules.ParseString(tokens, argStart, out var dir);
                if (err is not null) { Errorf("invalid quoted string: " + err); return; }
                Use.Add(new WorkUse { Path = dir, Syntax = line });
                break;
            case "replace":
                var rf = ModRules.ParseReplace(line, verb, argStart, fix, out var replace);
                if (rf is { } fail)
                {
                    errs.Add(new ModError(Syntax.Name, line.Start, fail.Message, fail.Verb, fail.ModPath));
                    return;
                }
                Replace.Add(replace!);
                break;
        }
    }

    public string Format() => ModFormatter.Format(Syntax);

    public void Cleanup()
    {
        Use.RemoveAll(u => u.Path.Length == 0);
        Replace.RemoveAll(r => r.Old.Path.Length == 0);
        Godebug.RemoveAll(g => g.Key.Length == 0);
        Syntax.Cleanup();
    }

    /// <summary>Sets the go version; a new go line goes before the first statement that is not a comment block.</summary>
    public void AddGoStmt(string version)
    {
        if (!ModRules.IsGoVersion(version)) throw new ArgumentException($"invalid language version {GoText.Quote(version)}", nameof(version));
        if (Go is null)
        {
            var stmt = new ModLine { Token = ["go", version] };
            Go = new ModGo { Version = version, Syntax = stmt };
            var i = 0;
            while (i < Syntax.Stmt.Count && Syntax.Stmt[i] is ModCommentBlock) i++;
            Syntax.Stmt.Insert(i, stmt);
        }
        else
        {
            Go.Version = version;
            ModFileSyntax.UpdateLine(Go.Syntax, "go", version);
        }
    }

    /// <summary>Sets the toolchain; a new line goes after the go line, or before the first non-comment statement.</summary>
    public void AddToolchainStmt(string name)
    {
        if (!ModRules.IsToolchainName(name)) throw new ArgumentException($"invalid toolchain name {GoText.Quote(name)}", nameof(name));
        if (Toolchain is null)
        {
            var stmt = new ModLine { Token = ["toolchain", name] };
            Toolchain = new ModToolchain { Name = name, Syntax = stmt };
            var at = Syntax.Stmt.FindIndex(s => s is ModLine { Token: { Count: > 0 } t } && t[0] == "go");
            if (at >= 0) at++;
            else
            {
                at = 0;
                while (at < Syntax.Stmt.Count && Syntax.Stmt[at] is ModCommentBlock) at++;
            }
            Syntax.Stmt.Insert(at, stmt);
        }
        else
        {
            Toolchain.Name = name;
            ModFileSyntax.UpdateLine(Toolchain.Syntax, "toolchain", name);
        }
    }

    public void DropGoStmt()
    {
        if (Go is null) return;
        Go.Syntax.MarkRemoved();
        Go = null;
    }

    public void DropToolchainStmt()
    {
        if (Toolchain is null) return;
        Toolchain.Syntax.MarkRemoved();
        Toolchain = null;
    }

    public void AddGodebug(string key, string value) => ModGodebug.Set(Godebug, Syntax, key, value);

    public void DropGodebug(string key) => ModGodebug.Drop(Godebug, key);

    public void AddUse(string diskPath, string modulePath)
    {
        var need = true;
        foreach (var d in Use)
        {
            if (d.Path != diskPath) continue;
            if (need)
            {
                d.ModulePath = modulePath;
                ModFileSyntax.UpdateLine(d.Syntax, "use", ModRules.AutoQuote(diskPath));
                need = false;
            }
            else
            {
                d.Syntax.MarkRemoved();
                d.Path = d.ModulePath = "";
            }
        }
        if (need) AddNewUse(diskPath, modulePath);
    }

    public void AddNewUse(string diskPath, string modulePath) =>
        Use.Add(new WorkUse { Path = diskPath, ModulePath = modulePath, Syntax = Syntax.AddLine(null, "use", ModRules.AutoQuote(diskPath)) });

    public void SetUse(IEnumerable<WorkUse> dirs)
    {
        var need = new Dictionary<string, string>();
        var order = new List<string>();
        foreach (var d in dirs)
        {
            if (!need.ContainsKey(d.Path)) order.Add(d.Path);
            need[d.Path] = d.ModulePath;
        }
        foreach (var d in Use)
        {
            if (need.TryGetValue(d.Path, out var modulePath))
            {
                d.ModulePath = modulePath;
            }
            else
            {
                d.Syntax.MarkRemoved();
                d.Path = d.ModulePath = "";
            }
        }
        // Like x/mod, every wanted directory gets a new line; SortBlocks orders them.
        foreach (var path in order) AddNewUse(path, need[path]);
        SortBlocks();
    }

    public void DropUse(string path)
    {
        foreach (var d in Use.Where(d => d.Path == path))
        {
            d.Syntax.MarkRemoved();
            d.Path = d.ModulePath = "";
        }
    }

    public void AddReplace(string oldPath, string oldVers, string newPath, string newVers) =>
        GoModFile.AddReplace(Syntax, Replace, oldPath, oldVers, newPath, newVers);

    public void DropReplace(string oldPath, string oldVers) => GoModFile.DropReplace(Replace, oldPath, oldVers);

    /// <summary>Removes duplicate replace lines (the later wins) and sorts every block.</summary>
    public void SortBlocks()
    {
        var kill = new HashSet<ModLine>(ReferenceEqualityComparer.Instance);
        GoModFile.RemoveReplaceDups(Replace, kill);
        GoModFile.DropKilled(Syntax, kill);
        foreach (var stmt in Syntax.Stmt)
            if (stmt is ModLineBlock block) GoModFile.StableSort(block.Line, GoModFile.CompareLine);
    }
}
