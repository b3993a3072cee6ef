namespace GoDocker.Core.GoMod;

/// <summary>One <c>//</c> comment. <see cref="Token"/> excludes the trailing newline; an empty token stands for a blank line kept inside a block.</summary>
public sealed class ModComment
{
    public ModComment(ModPosition start, string token, bool suffix)
    {
        Start = start;
        Token = token;
        Suffix = suffix;
    }

    public ModPosition Start { get; set; }
    public string Token { get; set; }
    /// <summary>True for an end-of-line comment, false for a whole-line one.</summary>
    public bool Suffix { get; set; }

    public ModComment Clone() => new(Start, Token, Suffix);
}

/// <summary>The comments attached to a syntax node, as x/mod attaches them.</summary>
public sealed class ModComments
{
    /// <summary>Whole-line comments before the node.</summary>
    public List<ModComment> Before { get; set; } = [];
    /// <summary>End-of-line comments after the node.</summary>
    public List<ModComment> Suffix { get; set; } = [];
    /// <summary>Whole-line comments after a top-level node.</summary>
    public List<ModComment> After { get; set; } = [];

    public ModComments ShallowCopy() => new() { Before = [.. Before], Suffix = [.. Suffix], After = [.. After] };
}

/// <summary>A node of the go.mod syntax tree.</summary>
public abstract class ModExpr
{
    public ModComments Comments { get; set; } = new();

    /// <summary>Start and end of the node, excluding its comments.</summary>
    public abstract (ModPosition Start, ModPosition End) Span { get; }
}

/// <summary>A top-level run of comments not attached to a directive.</summary>
public sealed class ModCommentBlock : ModExpr
{
    public ModPosition Start { get; set; }
    public override (ModPosition Start, ModPosition End) Span => (Start, Start);
}

/// <summary>One line of tokens: a directive (<c>require x v1</c>) or a line inside a block (<c>x v1</c>).</summary>
public sealed class ModLine : ModExpr
{
    public ModPosition Start { get; set; }
    public ModPosition End { get; set; }
    /// <summary>The tokens; null marks a line removed by an edit (dropped by Cleanup).</summary>
    public List<string>? Token { get; set; }
    /// <summary>Where each token stood in the parsed text (parallel to the parsed tokens; empty for lines created by edits).</summary>
    public List<ModSpan> TokenSpans { get; set; } = [];
    public bool InBlock { get; set; }

    public override (ModPosition Start, ModPosition End) Span => (Start, End);

    internal void MarkRemoved()
    {
        Token = null;
        Comments.Suffix = [];
    }

    /// <summary>The span of token <paramref name="index"/> when the parser recorded it.</summary>
    public ModSpan? SpanOfToken(int index) => index >= 0 && index < TokenSpans.Count ? TokenSpans[index] : null;
}

/// <summary>The <c>(</c> of a block; holds its suffix comment.</summary>
public sealed class ModLParen : ModExpr
{
    public ModPosition Pos { get; set; }
    public override (ModPosition Start, ModPosition End) Span => (Pos, Pos.Add(")"));
}

/// <summary>The <c>)</c> of a block; holds the whole-line comments before it.</summary>
public sealed class ModRParen : ModExpr
{
    public ModPosition Pos { get; set; }
    public override (ModPosition Start, ModPosition End) Span => (Pos, Pos.Add(")"));
}

/// <summary>A factored block such as <c>require ( ... )</c>.</summary>
public sealed class ModLineBlock : ModExpr
{
    public ModPosition Start { get; set; }
    public ModLParen LParen { get; set; } = new();
    public List<string> Token { get; set; } = [];
    /// <summary>Where each token before the <c>(</c> stood in the parsed text (empty for blocks created by edits).</summary>
    public List<ModSpan> TokenSpans { get; set; } = [];
    public List<ModLine> Line { get; set; } = [];
    public ModRParen RParen { get; set; } = new();

    public override (ModPosition Start, ModPosition End) Span => (Start, RParen.Pos.Add(")"));
}
