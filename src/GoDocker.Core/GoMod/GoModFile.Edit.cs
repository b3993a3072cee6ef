using GoDocker.Core.Modules;

namespace GoDocker.Core.GoMod;

/// <summary>The modfile edit operations. Drops only mark lines; call <see cref="Cleanup"/> after a series of edits.</summary>
public sealed partial class GoModFile
{
    public void AddModuleStmt(string path)
    {
        if (Module is null)
            Module = new ModModule { Mod = new ModuleVersion(path, ""), Syntax = Syntax.AddLine(null, "module", ModRules.AutoQuote(path)) };
        else
        {
            Module.Mod = new ModuleVersion(path, "");
            ModFileSyntax.UpdateLine(Module.Syntax, "module", ModRules.AutoQuote(path));
        }
    }

    public void AddComment(string text) =>
        Syntax.Stmt.Add(new ModCommentBlock { Comments = new ModComments { Before = [new ModComment(default, text, false)] } });

    /// <summary>Removes entries and lines cleared by edits and collapses one-line blocks.</summary>
    public void Cleanup()
    {
        Godebug.RemoveAll(g => g.Key.Length == 0);
        Require.RemoveAll(r => r.Mod.Path.Length == 0);
        Exclude.RemoveAll(x => x.Mod.Path.Length == 0);
        Replace.RemoveAll(r => r.Old.Path.Length == 0);
        Retract.RemoveAll(r => r.Low.Length == 0 && r.High.Length == 0);
        Tool.RemoveAll(t => t.Path.Length == 0);
        Ignore.RemoveAll(t => t.Path.Length == 0);
        Syntax.Cleanup();
    }

    public void AddGoStmt(string version)
    {
        if (!ModRules.IsGoVersion(version)) throw new ArgumentException($"invalid language version {GoText.Quote(version)}", nameof(version));
        if (Go is null)
        {
            ModExpr? hint = Module?.Syntax;
            Go = new ModGo { Version = version, Syntax = Syntax.AddLine(hint, "go", version) };
        }
        else
        {
            Go.Version = version;
            ModFileSyntax.UpdateLine(Go.Syntax, "go", version);
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

    public void AddToolchainStmt(string name)
    {
        if (!ModRules.IsToolchainName(name)) throw new ArgumentException($"invalid toolchain name {GoText.Quote(name)}", nameof(name));
        if (Toolchain is null)
        {
            ModExpr? hint = (ModExpr?)Go?.Syntax ?? Module?.Syntax;
            Toolchain = new ModToolchain { Name = name, Syntax = Syntax.AddLine(hint, "toolchain", name) };
        }
        else
        {
            Toolchain.Name = name;
            ModFileSyntax.UpdateLine(Toolchain.Syntax, "toolchain", name);
        }
    }

    /// <summary>Sets the first godebug line for key to value and removes the others; adds a line when there is none.</summary>
    public void AddGodebug(string key, string value) => ModGodebug.Set(Godebug, Syntax, key, value);

    public void DropGodebug(string key) => ModGodebug.Drop(Godebug, key);

    /// <summary>Sets the first require line for path to vers and removes the others; adds a line when there is none.</summary>
    public void AddRequire(string path, string vers)
    {
        var need = true;
        foreach (var r in Require)
        {
            if (r.Mod.Path != path) continue;
            if (need)
            {
                r.Mod = r.Mod with { Version = vers };
                ModFileSyntax.UpdateLine(r.Syntax!, "require", ModRules.AutoQuote(path), vers);
                need = false;
            }
            else
            {
                r.MarkRemoved();
            }
        }
        if (need) AddNewRequire(path, vers, false);
    }

    /// <summary>Adds a require line at the end of the last require block, even when path is already required.</summary>
    public void AddNewRequire(string path, string vers, bool indirect)
    {
        var line = Syntax.AddLine(null, "require", ModRules.AutoQuote(path), vers);
        var r = new ModRequire { Mod = new ModuleVersion(path, vers), Syntax = line };
        r.SetIndirect(indirect);
        Require.Add(r);
    }

    /// <summary>Makes the requirements exactly <paramref name="req"/>, keeping blocks and comments of existing lines.</summary>
    public void SetRequire(IEnumerable<ModRequire> req)
    {
        var need = new Dictionary<string, (string Version, bool Indirect)>();
        var order = new List<string>();
        foreach (var r in req)
        {
            if (need.TryGetValue(r.Mod.Path, out var prev) && prev.Version != r.Mod.Version)
                throw new ArgumentException($"SetRequire called with conflicting versions for path {r.Mod.Path} ({prev.Version} and {r.Mod.Version})");
            if (!need.ContainsKey(r.Mod.Path)) order.Add(r.Mod.Path);
            need[r.Mod.Path] = (r.Mod.Version, r.Indirect);
        }
        foreach (var r in Require)
        {
            var path = r.Mod.Path;
            if (need.TryGetValue(path, out var e))
            {
                r.SetVersion(e.Version);
                r.SetIndirect(e.Indirect);
            }
            else
            {
                r.MarkRemoved();
            }
            need.Remove(path);
        }
        foreach (var path in order)
            if (need.TryGetValue(path, out var e)) AddNewRequire(path, e.Version, e.Indirect);
        SortBlocks();
    }

    /// <summary>Like SetRequire, but keeps direct and indirect requirements in two separate blocks.</summary>
    public void SetRequireSeparateIndirect(IEnumerable<ModRequire> req) => SetRequireSeparateIndirect(req, simplify: false);

    /// <summary>Like SetRequireSeparateIndirect, but consolidates all requirements into at most a direct and an indirect block.</summary>
    public void SetRequireAtMostTwo(IEnumerable<ModRequire> req) => SetRequireSeparateIndirect(req, simplify: true);

    private void SetRequireSeparateIndirect(IEnumerable<ModRequire> reqs, bool simplify)
    {
        var req = reqs.ToList();
        static bool HasComments(ModComments c) =>
            c.Before.Count > 0 || c.After.Count > 0 || c.Suffix.Count > 1 ||
            (c.Suffix.Count == 1 && ModRequire.TrimPrefix(c.Suffix[0].Token, "//").Trim() != "indirect");

        void MoveReq(ModRequire r, ModLineBlock block)
        {
            ModLine line;
            if (r.Syntax is null)
            {
                line = new ModLine { Token = [ModRules.AutoQuote(r.Mod.Path), r.Mod.Version] };
                r.Syntax = line;
                if (r.Indirect) r.SetIndirect(true);
            }
            else
            {
                var old = r.Syntax;
                line = new ModLine
                {
                    Comments = old.Comments,
                    Start = old.Start,
                    End = old.End,
                    Token = old.Token is null ? null : [.. old.Token],
                    TokenSpans = old.TokenSpans,
                    InBlock = old.InBlock,
                };
                if (!line.InBlock && line.Token is { Count: > 0 } && line.Token[0] == "require")
                {
                    line.Token = line.Token.Skip(1).ToList();
                    if (line.TokenSpans.Count > 0) line.TokenSpans = line.TokenSpans.Skip(1).ToList();
                }
                old.Token = null; // Cleanup deletes the old line.
                r.Syntax = line;
            }
            line.InBlock = true;
            block.Line.Add(line);
        }

        var need = new Dictionary<string, ModRequire>();
        var needOrder = new List<string>();
        foreach (var r in req)
        {
            if (!need.ContainsKey(r.Mod.Path)) needOrder.Add(r.Mod.Path);
            need[r.Mod.Path] = r;
        }
        var lineIndirect = new Dictionary<ModLine, bool>(ReferenceEqualityComparer.Instance);
        foreach (var r in Require)
            if (r.Syntax is not null && need.TryGetValue(r.Mod.Path, out var n)) lineIndirect[r.Syntax] = n.Indirect;

        int lastDirectIndex = -1, lastIndirectIndex = -1, lastRequireIndex = -1, requireLineOrBlockCount = 0;
        var lineToBlock = new Dictionary<ModLine, ModLineBlock>(ReferenceEqualityComparer.Instance);
        var directBlockComments = new List<ModComment>();
        var indirectBlockComments = new List<ModComment>();
        for (var i = 0; i < Syntax.Stmt.Count; i++)
        {
            switch (Syntax.Stmt[i])
            {
                case ModLine stmt:
                    if (stmt.Token is not { Count: > 0 } || stmt.Token[0] != "require") continue;
                    lastRequireIndex = i;
                    requireLineOrBlockCount++;
                    if (!HasComments(stmt.Comments))
                    {
                        if (ModRequire.IsIndirect(stmt)) lastIndirectIndex = i;
                        else lastDirectIndex = i;
                    }
                    break;
                case ModLineBlock block:
                    if (block.Token.Count == 0 || block.Token[0] != "require") continue;
                    lastRequireIndex = i;
                    requireLineOrBlockCount++;
                    var allDirect = block.Line.Count > 0 && !HasComments(block.Comments);
                    var allIndirect = allDirect;
                    foreach (var line in block.Line)
                    {
                        lineToBlock[line] = block;
                        if (HasComments(line.Comments))
                        {
                            allDirect = false;
                            allIndirect = false;
                        }
                        else if (ModRequire.IsIndirect(line)) allDirect = false;
                        else allIndirect = false;
                    }
                    if (allDirect) lastDirectIndex = i;
                    if (allIndirect) lastIndirectIndex = i;
                    if (simplify)
                    {
                        var anyDirect = block.Line.Any(l => lineIndirect.TryGetValue(l, out var ind) && !ind);
                        var target = !anyDirect && block.Line.Count > 0 ? indirectBlockComments : directBlockComments;
                        if (target.Count > 0 && block.Comments.Before.Count > 0) target.Add(new ModComment(default, "//", false));
                        target.AddRange(block.Comments.Before);
                        block.Comments.Before = [];
                    }
                    break;
            }
        }

        var oneFlatUncommentedBlock = requireLineOrBlockCount == 1 && !HasComments(Syntax.Stmt[lastRequireIndex].Comments);

        ModLineBlock InsertBlock(int i)
        {
            var block = new ModLineBlock { Token = ["require"] };
            Syntax.Stmt.Insert(i, block);
            return block;
        }

        ModLineBlock EnsureBlock(int i)
        {
            switch (Syntax.Stmt[i])
            {
                case ModLineBlock b:
                    return b;
                case ModLine stmt:
                    var block = new ModLineBlock { Token = ["require"], Line = [stmt] };
                    stmt.Token = stmt.Token!.Skip(1).ToList();
                    if (stmt.TokenSpans.Count > 0) stmt.TokenSpans = stmt.TokenSpans.Skip(1).ToList();
                    stmt.InBlock = true;
                    Syntax.Stmt[i] = block;
                    return block;
                default:
                    throw new InvalidOperationException("unexpected statement");
            }
        }

        ModLineBlock lastDirectBlock;
        if (lastDirectIndex < 0)
        {
            if (lastIndirectIndex >= 0)
            {
                lastDirectIndex = lastIndirectIndex;
                lastIndirectIndex++;
            }
            else if (lastRequireIndex >= 0) lastDirectIndex = lastRequireIndex + 1;
            else lastDirectIndex = Syntax.Stmt.Count;
            lastDirectBlock = InsertBlock(lastDirectIndex);
        }
        else
        {
            lastDirectBlock = EnsureBlock(lastDirectIndex);
        }

        ModLineBlock lastIndirectBlock;
        if (lastIndirectIndex < 0)
        {
            lastIndirectIndex = lastDirectIndex + 1;
            lastIndirectBlock = InsertBlock(lastIndirectIndex);
        }
        else
        {
            lastIndirectBlock = EnsureBlock(lastIndirectIndex);
        }

        if (simplify)
        {
            lastDirectBlock.Comments.Before.AddRange(directBlockComments);
            lastIndirectBlock.Comments.Before.AddRange(indirectBlockComments);
        }

        var have = new Dictionary<string, ModRequire>();
        foreach (var r in Require)
        {
            var path = r.Mod.Path;
            if (!need.TryGetValue(path, out var want) || have.ContainsKey(path))
            {
                r.MarkRemoved();
                continue;
            }
            have[path] = r;
            r.SetVersion(want.Mod.Version);
            r.SetIndirect(want.Indirect);
            lineToBlock.TryGetValue(r.Syntax!, out var inBlock);
            if (want.Indirect && (oneFlatUncommentedBlock || (simplify && inBlock != lastIndirectBlock) || inBlock == lastDirectBlock))
                MoveReq(r, lastIndirectBlock);
            else if (!want.Indirect && (oneFlatUncommentedBlock || (simplify && inBlock != lastDirectBlock) || inBlock == lastIndirectBlock))
                MoveReq(r, lastDirectBlock);
        }

        foreach (var path in needOrder)
        {
            if (have.ContainsKey(path)) continue;
            var r = need[path];
            MoveReq(r, r.Indirect ? lastIndirectBlock : lastDirectBlock);
            Require.Add(r);
        }
        SortBlocks();
    }

    public void DropRequire(string path)
    {
        foreach (var r in Require.Where(r => r.Mod.Path == path)) r.MarkRemoved();
    }

    /// <summary>Adds an exclude line; vers must be canonical and fit the path's major version.</summary>
    public void AddExclude(string path, string vers)
    {
        var err = ModRules.CheckCanonicalVersion(path, vers);
        if (err is not null) throw new ArgumentException(err, nameof(vers));
        ModLine? hint = null;
        foreach (var x in Exclude)
        {
            if (x.Mod.Path == path && x.Mod.Version == vers) return;
            if (x.Mod.Path == path) hint = x.Syntax;
        }
        Exclude.Add(new ModExclude { Mod = new ModuleVersion(path, vers), Syntax = Syntax.AddLineAfter(hint, "exclude", ModRules.AutoQuote(path), vers) });
    }

    public void DropExclude(string path, string vers)
    {
        foreach (var x in Exclude.Where(x => x.Mod.Path == path && x.Mod.Version == vers))
        {
            x.Syntax.MarkRemoved();
            x.Mod = new ModuleVersion("", "");
        }
    }

    public void AddReplace(string oldPath, string oldVers, string newPath, string newVers) =>
        AddReplace(Syntax, Replace, oldPath, oldVers, newPath, newVers);

    internal static void AddReplace(ModFileSyntax syntax, List<ModReplace> replace, string oldPath, string oldVers, string newPath, string newVers)
    {
        var need = true;
        var oldMod = new ModuleVersion(oldPath, oldVers);
        var newMod = new ModuleVersion(newPath, newVers);
        var tokens = new List<string> { "replace", ModRules.AutoQuote(oldPath) };
        if (oldVers.Length > 0) tokens.Add(oldVers);
        tokens.Add("=>");
        tokens.Add(ModRules.AutoQuote(newPath));
        if (newVers.Length > 0) tokens.Add(newVers);

        ModLine? hint = null;
        foreach (var r in replace)
        {
            if (r.Old.Path == oldPath && (oldVers.Length == 0 || r.Old.Version == oldVers))
            {
                if (need)
                {
                    r.New = newMod;
                    ModFileSyntax.UpdateLine(r.Syntax, [.. tokens]);
                    need = false;
                    continue;
                }
                r.Syntax.MarkRemoved();
                r.Old = r.New = new ModuleVersion("", "");
            }
            if (r.Old.Path == oldPath) hint = r.Syntax;
        }
        if (need) replace.Add(new ModReplace { Old = oldMod, New = newMod, Syntax = syntax.AddLineAfter(hint, [.. tokens]) });
    }

    public void DropReplace(string oldPath, string oldVers) => DropReplace(Replace, oldPath, oldVers);

    internal static void DropReplace(List<ModReplace> replace, string oldPath, string oldVers)
    {
        foreach (var r in replace.Where(r => r.Old.Path == oldPath && r.Old.Version == oldVers))
        {
            r.Syntax.MarkRemoved();
            r.Old = r.New = new ModuleVersion("", "");
        }
    }

    /// <summary>
    /// Adds a retract line (with the rationale as comments before it); both bounds must be canonical.
    /// Like x/mod, <see cref="Retract"/> is not extended; parse the formatted file again to see the new entry.
    /// </summary>
    public void AddRetract(VersionInterval vi, string rationale)
    {
        var path = Module?.Mod.Path ?? "";
        var err = ModRules.CheckCanonicalVersion(path, vi.High) ?? ModRules.CheckCanonicalVersion(path, vi.Low);
        if (err is not null) throw new ArgumentException(err, nameof(vi));
        var line = vi.Low == vi.High
            ? Syntax.AddLine(null, "retract", ModRules.AutoQuote(vi.Low))
            : Syntax.AddLine(null, "retract", "[", ModRules.AutoQuote(vi.Low), ",", ModRules.AutoQuote(vi.High), "]");
        if (rationale.Length > 0)
            foreach (var l in rationale.Split('\n')) line.Comments.Before.Add(new ModComment(default, "// " + l, false));
        // x/mod adds only the line, not a Retract entry: go mod edit -retract -json does not list the new retraction.
    }

    public void DropRetract(VersionInterval vi)
    {
        foreach (var r in Retract.Where(r => r.Interval == vi))
        {
            r.Syntax.MarkRemoved();
            r.Interval = new VersionInterval("", "");
        }
    }

    public void AddTool(string path)
    {
        if (Tool.Any(t => t.Path == path)) return;
        Tool.Add(new ModTool { Path = path, Syntax = Syntax.AddLine(null, "tool", path) });
        SortBlocks();
    }

    public void DropTool(string path)
    {
        foreach (var t in Tool.Where(t => t.Path == path))
        {
            t.Syntax.MarkRemoved();
            t.Path = "";
        }
    }

    public void AddIgnore(string path)
    {
        if (Ignore.Any(t => t.Path == path)) return;
        Ignore.Add(new ModIgnore { Path = path, Syntax = Syntax.AddLine(null, "ignore", path) });
        SortBlocks();
    }

    public void DropIgnore(string path)
    {
        foreach (var t in Ignore.Where(t => t.Path == path))
        {
            t.Syntax.MarkRemoved();
            t.Path = "";
        }
    }

    /// <summary>Removes duplicate exclude/replace/tool/ignore lines and sorts the lines of every block.</summary>
    public void SortBlocks()
    {
        RemoveDups();
        var semanticExclude = Go is not null && SemVer.Compare("v" + Go.Version, "v1.21") >= 0;
        foreach (var stmt in Syntax.Stmt)
        {
            if (stmt is not ModLineBlock block) continue;
            Comparison<ModLine> cmp = block.Token[0] == "exclude" && semanticExclude ? CompareLineExclude
                : block.Token[0] == "retract" ? CompareLineRetract
                : CompareLine;
            StableSort(block.Line, cmp);
        }
    }

    internal static void StableSort(List<ModLine> lines, Comparison<ModLine> cmp)
    {
        var sorted = lines.Select((l, i) => (l, i)).OrderBy(x => x, Comparer<(ModLine l, int i)>.Create((a, b) =>
        {
            var c = cmp(a.l, b.l);
            return c != 0 ? c : a.i.CompareTo(b.i);
        })).Select(x => x.l).ToList();
        lines.Clear();
        lines.AddRange(sorted);
    }

    private void RemoveDups()
    {
        var kill = new HashSet<ModLine>(ReferenceEqualityComparer.Instance);
        var haveExclude = new HashSet<ModuleVersion>();
        foreach (var x in Exclude)
            if (!haveExclude.Add(x.Mod)) kill.Add(x.Syntax);
        Exclude.RemoveAll(x => kill.Contains(x.Syntax));
        RemoveReplaceDups(Replace, kill);
        var haveTool = new HashSet<string>();
        foreach (var t in Tool)
            if (!haveTool.Add(t.Path)) kill.Add(t.Syntax);
        Tool.RemoveAll(t => kill.Contains(t.Syntax));
        var haveIgnore = new HashSet<string>();
        foreach (var t in Ignore)
            if (!haveIgnore.Add(t.Path)) kill.Add(t.Syntax);
        Ignore.RemoveAll(t => kill.Contains(t.Syntax));
        DropKilled(Syntax, kill);
    }

    /// <summary>Later replacements of the same old module win.</summary>
    internal static void RemoveReplaceDups(List<ModReplace> replace, HashSet<ModLine> kill)
    {
        var have = new HashSet<ModuleVersion>();
        for (var i = replace.Count - 1; i >= 0; i--)
            if (!have.Add(replace[i].Old)) kill.Add(replace[i].Syntax);
        replace.RemoveAll(r => kill.Contains(r.Syntax));
    }

    internal static void DropKilled(ModFileSyntax syntax, HashSet<ModLine> kill)
    {
        var stmts = new List<ModExpr>();
        foreach (var stmt in syntax.Stmt)
        {
            switch (stmt)
            {
                case ModLine l when kill.Contains(l):
                    continue;
                case ModLineBlock b:
                    b.Line = b.Line.Where(l => !kill.Contains(l)).ToList();
                    if (b.Line.Count == 0) continue;
                    break;
            }
            stmts.Add(stmt);
        }
        syntax.Stmt = stmts;
    }

    internal static int CompareLine(ModLine li, ModLine lj)
    {
        var a = li.Token ?? [];
        var b = lj.Token ?? [];
        for (var k = 0; k < a.Count && k < b.Count; k++)
            if (a[k] != b[k]) return GoText.CompareUtf8(a[k], b[k]);
        return a.Count.CompareTo(b.Count);
    }

    private static int CompareLineExclude(ModLine li, ModLine lj)
    {
        if (li.Token is not { Count: 2 } a || lj.Token is not { Count: 2 } b) return CompareLine(li, lj);
        if (a[0] != b[0]) return GoText.CompareUtf8(a[0], b[0]);
        return SemVer.Compare(a[1], b[1]);
    }

    private static int CompareLineRetract(ModLine li, ModLine lj)
    {
        static VersionInterval Interval(ModLine l)
        {
            var t = l.Token ?? [];
            if (t.Count == 1) return new VersionInterval(t[0], t[0]);
            if (t.Count == 5 && t[0] == "[" && t[2] == "," && t[4] == "]") return new VersionInterval(t[1], t[3]);
            return new VersionInterval("", "");
        }
        var vi = Interval(li);
        var vj = Interval(lj);
        var c = SemVer.Compare(vi.Low, vj.Low);
        if (c != 0) return -c;
        return -SemVer.Compare(vi.High, vj.High);
    }
}
