using System.Text;

namespace GoDocker.Core.GoMod;

/// <summary>
/// The go.mod/go.work lexer and syntax-level parser (x/mod's read.go): tokens, line blocks and comment attachment,
/// without any directive checks.
/// </summary>
public static class ModSyntaxParser
{
    /// <summary>Parses the syntax of <paramref name="data"/>; throws <see cref="ModParseException"/> on syntax errors.</summary>
    public static ModFileSyntax Parse(string fileName, string data) => Parse(fileName, Modules.GoText.ToBytes(data));

    /// <inheritdoc cref="Parse(string, string)"/>
    public static ModFileSyntax Parse(string fileName, byte[] data)
    {
        var input = new Input(fileName, data);
        try
        {
            input.ReadToken();
            input.ParseFile();
        }
        catch (SyntaxAbort)
        {
        }
        catch (Exception e) when (e is not ModParseException)
        {
            // Like x/mod, a bug in the parser becomes an error of the file, never a crash of the caller.
            input.Errors.Add(new ModError(fileName, input.Pos, "internal error: " + e.Message));
        }
        if (input.Errors.Count > 0) throw new ModParseException(input.Errors);
        input.File.Name = fileName;
        input.AssignComments();
        return input.File;
    }

    private sealed class SyntaxAbort : Exception;

    private enum Kind
    {
        Eof = -1,
        EolComment = -2,
        Ident = -3,
        String = -4,
        Comment = -5,
    }

    private struct Token
    {
        public int Kind; // a Kind value or an ASCII punctuation code
        public ModPosition Pos;
        public ModPosition EndPos;
        public string Text;
    }

    private sealed class Input(string fileName, byte[] data)
    {
        private readonly byte[] complete = data;
        private int remaining; // offset of the unread input
        private int tokenStart;
        private Token token;
        public ModPosition Pos = ModPosition.Start;
        private readonly List<ModComment> comments = [];
        public readonly List<ModError> Errors = [];
        public ModFileSyntax File = new();
        private readonly List<ModExpr> pre = [];
        private readonly List<ModExpr> post = [];

        private static bool IsCommentKind(int k) => k == (int)Kind.Comment || k == (int)Kind.EolComment;
        private static bool IsEol(int k) => k == (int)Kind.Eof || k == (int)Kind.EolComment || k == '\n';

        private void Error(string message)
        {
            Errors.Add(new ModError(fileName, Pos, message));
            throw new SyntaxAbort();
        }

        private bool Eof => remaining >= complete.Length;

        private (int Rune, int Size) Decode(int at)
        {
            if (at >= complete.Length) return (0, 0);
            if (complete[at] < 0x80) return (complete[at], 1);
            var status = Rune.DecodeFromUtf8(complete.AsSpan(at), out var rune, out var size);
            // Like utf8.DecodeRune, every byte of an invalid sequence is its own U+FFFD.
            if (status != System.Buffers.OperationStatus.Done) return (0xFFFD, 1);
            return (rune.Value, size);
        }

        private int PeekRune() => Decode(remaining).Rune;

        private bool PeekPrefix(string prefix)
        {
            for (var i = 0; i < prefix.Length; i++)
                if (remaining + i >= complete.Length || complete[remaining + i] != prefix[i]) return false;
            return true;
        }

        private int ReadRune()
        {
            if (Eof) Error("internal lexer error: readRune at EOF");
            var (r, size) = Decode(remaining);
            remaining += size;
            Pos = r == '\n' ? new ModPosition(Pos.Line + 1, 1, Pos.Byte + size) : new ModPosition(Pos.Line, Pos.LineRune + 1, Pos.Byte + size);
            return r;
        }

        private void StartToken()
        {
            tokenStart = remaining;
            token.Text = "";
            token.Pos = Pos;
        }

        private void EndToken(int kind)
        {
            token.Kind = kind;
            var text = GoUnicode.FromBytes(complete.AsSpan(tokenStart, remaining - tokenStart));
            if (IsCommentKind(kind))
            {
                if (text.EndsWith("\r\n", StringComparison.Ordinal)) text = text[..^2];
                else if (text.EndsWith('\n')) text = text[..^1];
            }
            token.Text = text;
            token.EndPos = Pos;
        }

        private int Peek() => token.Kind;

        private Token Lex()
        {
            var t = token;
            ReadToken();
            return t;
        }

        public void ReadToken()
        {
            while (!Eof)
            {
                var c = PeekRune();
                if (c == ' ' || c == '\t' || c == '\r')
                {
                    ReadRune();
                    continue;
                }
                if (PeekPrefix("//"))
                {
                    StartToken();
                    // A comment is a suffix comment when something other than space precedes it on its line.
                    var lineStart = Array.LastIndexOf(complete, (byte)'\n', Math.Max(0, Pos.Byte - 1), Pos.Byte) + 1;
                    var suffix = false;
                    for (var i = lineStart; i < Pos.Byte; i++)
                    {
                        if (!IsAsciiOrUnicodeSpaceByte(i)) { suffix = true; break; }
                    }
                    ReadRune();
                    ReadRune();
                    while (!Eof && ReadRune() != '\n')
                    {
                    }
                    if (!suffix)
                    {
                        EndToken((int)Kind.Comment);
                        return;
                    }
                    EndToken((int)Kind.EolComment);
                    comments.Add(new ModComment(token.Pos, token.Text, true));
                    return;
                }
                if (PeekPrefix("/*")) Error("mod files must use // comments (not /* */ comments)");
                break;
            }

            StartToken();
            if (Eof)
            {
                EndToken((int)Kind.Eof);
                return;
            }

            var ch = PeekRune();
            switch (ch)
            {
                case '\n' or '(' or ')' or '[' or ']' or '{' or '}' or ',':
                    ReadRune();
                    EndToken(ch);
                    return;
                case '"' or '`':
                    var quote = ch;
                    ReadRune();
                    while (true)
                    {
                        if (Eof)
                        {
                            Pos = token.Pos;
                            Error("unexpected EOF in string");
                        }
                        if (PeekRune() == '\n') Error("unexpected newline in string");
                        var sc = ReadRune();
                        if (sc == quote) break;
                        if (sc == '\\' && quote != '`')
                        {
                            if (Eof)
                            {
                                Pos = token.Pos;
                                Error("unexpected EOF in string");
                            }
                            ReadRune();
                        }
                    }
                    EndToken((int)Kind.String);
                    return;
            }

            if (!IsIdent(ch)) Error($"unexpected input character {Modules.GoText.QuoteRune(ch)}");
            while (IsIdent(PeekRune()))
            {
                if (PeekPrefix("//")) break;
                if (PeekPrefix("/*")) Error("mod files must use // comments (not /* */ comments)");
                ReadRune();
            }
            EndToken((int)Kind.Ident);
        }

        // bytes.TrimSpace semantics for the "only thing on its line" test.
        private bool IsAsciiOrUnicodeSpaceByte(int i)
        {
            var b = complete[i];
            if (b < 0x80) return b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\v' or (byte)'\f' or (byte)'\r';
            var (r, _) = Decode(i);
            return r != 0xFFFD && GoUnicode.IsSpace(r);
        }

        private static bool IsIdent(int c) => c switch
        {
            ' ' or '(' or ')' or '[' or ']' or '{' or '}' or ',' => false,
            _ => !GoUnicode.IsSpace(c) && GoUnicode.IsPrint(c),
        };

        public void ParseFile()
        {
            ModCommentBlock? cb = null;
            while (true)
            {
                switch (Peek())
                {
                    case '\n':
                        Lex();
                        if (cb is not null)
                        {
                            File.Stmt.Add(cb);
                            cb = null;
                        }
                        break;
                    case (int)Kind.Comment:
                        var tok = Lex();
                        cb ??= new ModCommentBlock { Start = tok.Pos };
                        cb.Comments.Before.Add(new ModComment(tok.Pos, tok.Text, false));
                        break;
                    case (int)Kind.Eof:
                        if (cb is not null) File.Stmt.Add(cb);
                        return;
                    default:
                        ParseStmt();
                        if (cb is not null)
                        {
                            File.Stmt[^1].Comments.Before = cb.Comments.Before;
                            cb = null;
                        }
                        break;
                }
            }
        }

        private void ParseStmt()
        {
            var first = Lex();
            var start = first.Pos;
            var end = first.EndPos;
            var tokens = new List<string> { first.Text };
            var spans = new List<ModSpan> { new(first.Pos, first.EndPos) };
            while (true)
            {
                var tok = Lex();
                if (IsEol(tok.Kind))
                {
                    File.Stmt.Add(new ModLine { Start = start, Token = tokens, TokenSpans = spans, End = end });
                    return;
                }
                if (tok.Kind == '(')
                {
                    var next = Peek();
                    if (IsEol(next))
                    {
                        File.Stmt.Add(ParseLineBlock(start, tokens, spans, tok));
                        return;
                    }
                    if (next == ')')
                    {
                        var rparen = Lex();
                        if (IsEol(Peek()))
                        {
                            Lex();
                            File.Stmt.Add(new ModLineBlock
                            {
                                Start = start,
                                Token = tokens,
                                TokenSpans = spans,
                                LParen = new ModLParen { Pos = tok.Pos },
                                RParen = new ModRParen { Pos = rparen.Pos },
                            });
                            return;
                        }
                        tokens.Add(tok.Text);
                        spans.Add(new ModSpan(tok.Pos, tok.EndPos));
                        tokens.Add(rparen.Text);
                        spans.Add(new ModSpan(rparen.Pos, rparen.EndPos));
                    }
                    else
                    {
                        tokens.Add(tok.Text);
                        spans.Add(new ModSpan(tok.Pos, tok.EndPos));
                    }
                    continue;
                }
                tokens.Add(tok.Text);
                spans.Add(new ModSpan(tok.Pos, tok.EndPos));
                end = tok.EndPos;
            }
        }

        private ModLineBlock ParseLineBlock(ModPosition start, List<string> tokens, List<ModSpan> spans, Token lparen)
        {
            var x = new ModLineBlock { Start = start, Token = tokens, TokenSpans = spans, LParen = new ModLParen { Pos = lparen.Pos } };
            var pending = new List<ModComment>();
            while (true)
            {
                switch (Peek())
                {
                    case (int)Kind.EolComment:
                        Lex();
                        break;
                    case '\n':
                        Lex();
                        // A blank line is kept as an empty comment so the formatter preserves it.
                        if ((pending.Count == 0 && x.Line.Count > 0) || (pending.Count > 0 && pending[^1].Token != ""))
                            pending.Add(new ModComment(default, "", false));
                        break;
                    case (int)Kind.Comment:
                        var tok = Lex();
                        pending.Add(new ModComment(tok.Pos, tok.Text, false));
                        break;
                    case (int)Kind.Eof:
                        Error($"syntax error (unterminated block started at {fileName}:{x.Start.Line}:{x.Start.LineRune})");
                        break;
                    case ')':
                        var rparen = Lex();
                        // A lone blank line before ')' is not kept (golang.org/issue/70632).
                        if (pending.Count == 1 && pending[0].Token.Length == 0) pending = [];
                        x.RParen.Comments.Before = pending;
                        x.RParen.Pos = rparen.Pos;
                        if (!IsEol(Peek())) Error("syntax error (expected newline after closing paren)");
                        Lex();
                        return x;
                    default:
                        var l = ParseLine();
                        x.Line.Add(l);
                        l.Comments.Before = pending;
                        pending = [];
                        break;
                }
            }
        }

        private ModLine ParseLine()
        {
            var first = Lex();
            if (IsEol(first.Kind)) Error("internal parse error: parseLine at end of line");
            var start = first.Pos;
            var end = first.EndPos;
            var tokens = new List<string> { first.Text };
            var spans = new List<ModSpan> { new(first.Pos, first.EndPos) };
            while (true)
            {
                var tok = Lex();
                if (IsEol(tok.Kind))
                    return new ModLine { Start = start, Token = tokens, TokenSpans = spans, End = end, InBlock = true };
                tokens.Add(tok.Text);
                spans.Add(new ModSpan(tok.Pos, tok.EndPos));
                end = tok.EndPos;
            }
        }

        private void Order(ModExpr x)
        {
            pre.Add(x);
            switch (x)
            {
                case ModFileSyntax f:
                    foreach (var s in f.Stmt) Order(s);
                    break;
                case ModLineBlock b:
                    Order(b.LParen);
                    foreach (var l in b.Line) Order(l);
                    Order(b.RParen);
                    break;
            }
            post.Add(x);
        }

        public void AssignComments()
        {
            Order(File);
            var line = new List<ModComment>();
            var suffix = new List<ModComment>();
            foreach (var c in comments) (c.Suffix ? suffix : line).Add(c);

            // Whole-line comments go to the node that follows them.
            var li = 0;
            foreach (var x in pre)
            {
                var start = x.Span.Start;
                while (li < line.Count && start.Byte >= line[li].Start.Byte)
                {
                    x.Comments.Before.Add(line[li]);
                    li++;
                }
            }
            File.Comments.After.AddRange(line.Skip(li));

            // Suffix comments go to the node that ends just before them on the same line.
            var si = suffix.Count;
            for (var i = post.Count - 1; i >= 0; i--)
            {
                var x = post[i];
                if (x is ModFileSyntax) continue;
                var (start, end) = x.Span;
                if (start.Line != end.Line) continue;
                while (si > 0 && end.Byte <= suffix[si - 1].Start.Byte)
                {
                    x.Comments.Suffix.Add(suffix[si - 1]);
                    si--;
                }
            }
            foreach (var x in post) x.Comments.Suffix.Reverse();
            File.Comments.Before.AddRange(suffix.Take(si));
        }
    }
}
