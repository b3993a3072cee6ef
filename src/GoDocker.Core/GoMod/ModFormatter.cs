using System.Text;

namespace GoDocker.Core.GoMod;

/// <summary>Prints a syntax tree in the go command's standard style; the output equals x/mod's modfile.Format byte for byte.</summary>
public static class ModFormatter
{
    public static string Format(ModFileSyntax file)
    {
        var p = new Printer();
        p.File(file);
        var b = p.Buffer;
        // Drop trailing blank lines.
        while (b.Length > 0 && b[^1] == '\n' && (b.Length == 1 || b[^2] == '\n')) b.Length--;
        return b.ToString();
    }

    /// <summary>The formatted file as bytes (raw bytes that were not UTF-8 come back unchanged).</summary>
    public static byte[] FormatBytes(ModFileSyntax file) => Modules.GoText.ToBytes(Format(file));

    private sealed class Printer
    {
        public readonly StringBuilder Buffer = new();
        private readonly List<ModComment> pending = [];
        private int margin;

        private int Indent()
        {
            var n = 0;
            while (n < Buffer.Length && Buffer[Buffer.Length - 1 - n] != '\n') n++;
            return n;
        }

        private void NewLine()
        {
            if (pending.Count > 0)
            {
                Buffer.Append(' ');
                for (var i = 0; i < pending.Count; i++)
                {
                    if (i > 0)
                    {
                        Trim();
                        Buffer.Append('\n');
                        Buffer.Append('\t', margin);
                    }
                    Buffer.Append(pending[i].Token.Trim(GoSpace));
                }
                pending.Clear();
            }
            Trim();
            var b = Buffer;
            if (b.Length == 0 || (b.Length >= 2 && b[^1] == '\n' && b[^2] == '\n'))
            {
                // No blank line at the top of the file or after a blank line.
            }
            else
            {
                b.Append('\n');
            }
            Buffer.Append('\t', margin);
        }

        private void Trim()
        {
            var n = Buffer.Length;
            while (n > 0 && (Buffer[n - 1] == '\t' || Buffer[n - 1] == ' ')) n--;
            Buffer.Length = n;
        }

        public void File(ModFileSyntax f)
        {
            foreach (var com in f.Comments.Before)
            {
                Buffer.Append(com.Token.Trim(GoSpace));
                NewLine();
            }
            for (var i = 0; i < f.Stmt.Count; i++)
            {
                var stmt = f.Stmt[i];
                Expr(stmt);
                if (stmt is not ModCommentBlock) NewLine();
                foreach (var com in stmt.Comments.After)
                {
                    Buffer.Append(com.Token.Trim(GoSpace));
                    NewLine();
                }
                if (i + 1 < f.Stmt.Count) NewLine();
            }
        }

        private void Expr(ModExpr x)
        {
            var before = x.Comments.Before;
            if (before.Count > 0)
            {
                Trim();
                if (Indent() > 0) Buffer.Append('\n');
                Buffer.Append('\t', margin);
                foreach (var com in before)
                {
                    Buffer.Append(com.Token.Trim(GoSpace));
                    NewLine();
                }
            }

            switch (x)
            {
                case ModCommentBlock:
                    break;
                case ModLParen:
                    Buffer.Append('(');
                    break;
                case ModRParen:
                    Buffer.Append(')');
                    break;
                case ModLine l:
                    Tokens(l.Token ?? []);
                    break;
                case ModLineBlock b:
                    Tokens(b.Token);
                    Buffer.Append(' ');
                    Expr(b.LParen);
                    margin++;
                    foreach (var l in b.Line)
                    {
                        NewLine();
                        Expr(l);
                    }
                    margin--;
                    NewLine();
                    Expr(b.RParen);
                    break;
                default:
                    throw new InvalidOperationException($"printer: unexpected type {x.GetType().Name}");
            }
            pending.AddRange(x.Comments.Suffix);
        }

        private void Tokens(List<string> tokens)
        {
            var sep = "";
            foreach (var t in tokens)
            {
                if (t is "," or ")" or "]" or "}") sep = "";
                Buffer.Append(sep).Append(t);
                sep = t is "(" or "[" or "{" ? "" : " ";
            }
        }
    }

    // strings.TrimSpace trims Unicode white space; these are the ones a comment token can carry.
    private static readonly char[] GoSpace = ['\t', '\n', '\v', '\f', '\r', ' ', '\u0085', '\u00A0', '\u1680', '\u2000', '\u2001', '\u2002', '\u2003', '\u2004', '\u2005', '\u2006', '\u2007', '\u2008', '\u2009', '\u200A', '\u2028', '\u2029', '\u202F', '\u205F', '\u3000'];
}
