namespace GoDocker.Core.GoMod;

/// <summary>The syntax tree of a whole go.mod or go.work file, with the edit primitives x/mod builds on.</summary>
public sealed class ModFileSyntax : ModExpr
{
    internal const string RequireToken = "require";

    public string Name { get; set; } = "";
    public List<ModExpr> Stmt { get; set; } = [];

    public override (ModPosition Start, ModPosition End) Span =>
        Stmt.Count == 0 ? default : (Stmt[0].Span.Start, Stmt[^1].Span.End);

    /// <summary>
    /// Adds a line with the given tokens: into the block holding <paramref name="hint"/> when the verbs match
    /// (turning a single line into a block), after it otherwise, or, with no hint, into the last statement of the same verb.
    /// </summary>
    internal ModLine AddLine(ModExpr? hint, params string[] tokens)
    {
        if (hint is null)
        {
            for (var i = Stmt.Count - 1; i >= 0 && hint is null; i--)
            {
                switch (Stmt[i])
                {
                    case ModLine l when l.Token is { Count: > 0 } && l.Token[0] == tokens[0]:
                        hint = l;
                        break;
                    case ModLineBlock b when b.Token[0] == tokens[0]:
                        hint = b;
                        break;
                }
            }
        }

        ModLine NewLineAfter(int i)
        {
            var line = new ModLine { Token = [.. tokens] };
            if (i == Stmt.Count) Stmt.Add(line);
            else Stmt.Insert(i + 1, line);
            return line;
        }

        if (hint is not null)
        {
            for (var i = 0; i < Stmt.Count; i++)
            {
                switch (Stmt[i])
                {
                    case ModLine stmt when ReferenceEquals(stmt, hint):
                        if (stmt.Token is null || stmt.Token.Count == 0 || stmt.Token[0] != tokens[0]) return NewLineAfter(i);
                        stmt.InBlock = true;
                        var block = new ModLineBlock { Token = [stmt.Token[0]], Line = [stmt] };
                        stmt.Token = stmt.Token.Skip(1).ToList();
                        if (stmt.TokenSpans.Count > 0) stmt.TokenSpans = stmt.TokenSpans.Skip(1).ToList();
                        Stmt[i] = block;
                        var added = new ModLine { Token = tokens.Skip(1).ToList(), InBlock = true };
                        block.Line.Add(added);
                        return added;

                    case ModLineBlock b:
                        if (ReferenceEquals(b, hint))
                        {
                            if (b.Token[0] != tokens[0]) return NewLineAfter(i);
                            var inBlock = new ModLine { Token = tokens.Skip(1).ToList(), InBlock = true };
                            b.Line.Add(inBlock);
                            return inBlock;
                        }
                        for (var j = 0; j < b.Line.Count; j++)
                        {
                            if (!ReferenceEquals(b.Line[j], hint)) continue;
                            if (b.Token[0] != tokens[0]) return NewLineAfter(i);
                            var after = new ModLine { Token = tokens.Skip(1).ToList(), InBlock = true };
                            b.Line.Insert(j + 1, after);
                            return after;
                        }
                        break;
                }
            }
        }

        var appended = new ModLine { Token = [.. tokens] };
        Stmt.Add(appended);
        return appended;
    }

    /// <summary>
    /// AddLine for x/mod's exclude and replace edits, whose missing hint is a typed nil pointer in Go: it never
    /// matches, so without a hint the new line is appended at the end of the file instead of joining an existing block.
    /// </summary>
    internal ModLine AddLineAfter(ModLine? hint, params string[] tokens)
    {
        if (hint is not null) return AddLine(hint, tokens);
        var line = new ModLine { Token = [.. tokens] };
        Stmt.Add(line);
        return line;
    }

    /// <summary>Where a new require goes so that direct and indirect requirements keep their usual two blocks.</summary>
    internal ModExpr? RequireHint(bool indirect)
    {
        if (indirect)
        {
            foreach (var stmt in Stmt)
            {
                switch (stmt)
                {
                    case ModLine l when l.Token is { Count: > 0 } && l.Token[0] == RequireToken && ModRequire.IsIndirect(l):
                        return l;
                    case ModLineBlock b when b.Token[0] == RequireToken:
                        foreach (var line in b.Line)
                            if (ModRequire.IsIndirect(line)) return line;
                        break;
                }
            }
            var block = new ModLineBlock { Token = [RequireToken] };
            Stmt.Add(block);
            return block;
        }

        ModExpr? last = null;
        foreach (var stmt in Stmt)
        {
            switch (stmt)
            {
                case ModLine l when l.Token is { Count: > 0 } && l.Token[0] == RequireToken:
                    if (!ModRequire.IsIndirect(l)) return l;
                    if (last is not null) return last;
                    var first = new ModLineBlock { Token = [RequireToken] };
                    Stmt.Insert(0, first);
                    return first;
                case ModLineBlock b when b.Token[0] == RequireToken:
                    foreach (var line in b.Line)
                        if (!ModRequire.IsIndirect(line)) return line;
                    if (last is not null) return last;
                    var front = new ModLineBlock { Token = [RequireToken] };
                    Stmt.Insert(0, front);
                    return front;
            }
            last = stmt;
        }
        return null;
    }

    internal static void UpdateLine(ModLine line, params string[] tokens)
    {
        line.Token = line.InBlock ? tokens.Skip(1).ToList() : [.. tokens];
    }

    /// <summary>Drops lines marked removed by edits and collapses blocks left with a single line.</summary>
    public void Cleanup()
    {
        var kept = new List<ModExpr>(Stmt.Count);
        foreach (var stmt in Stmt)
        {
            switch (stmt)
            {
                case ModLine l when l.Token is null:
                    continue;
                case ModLineBlock b:
                    b.Line = b.Line.Where(l => l.Token is not null).ToList();
                    if (b.Line.Count == 0) continue;
                    if (b.Line.Count == 1 && b.RParen.Comments.Before.Count == 0)
                    {
                        // Keep the same Line object: the parsed File's entries point at it.
                        var only = b.Line[0];
                        var comments = new ModComments
                        {
                            Before = [.. b.Comments.Before, .. only.Comments.Before],
                            Suffix = [.. only.Comments.Suffix, .. b.Comments.Suffix],
                            After = [.. only.Comments.After, .. b.Comments.After],
                        };
                        var tokens = new List<string>(b.Token);
                        tokens.AddRange(only.Token!);
                        only.Comments = comments;
                        only.Token = tokens;
                        only.InBlock = false;
                        only.Start = default;
                        only.End = default;
                        only.TokenSpans = [];
                        kept.Add(only);
                        continue;
                    }
                    break;
            }
            kept.Add(stmt);
        }
        Stmt = kept;
    }
}
