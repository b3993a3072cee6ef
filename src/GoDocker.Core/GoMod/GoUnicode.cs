using System.Text;

namespace GoDocker.Core.GoMod;

/// <summary>Go's unicode.IsSpace and unicode.IsPrint, which decide what the go.mod lexer treats as a token character.</summary>
internal static class GoUnicode
{
    public static bool IsSpace(int r)
    {
        if (r <= 0xFF) return r is '\t' or '\n' or '\v' or '\f' or '\r' or ' ' or 0x85 or 0xA0;
        return Rune.IsValid(r) && Rune.IsWhiteSpace(new Rune(r));
    }

    public static bool IsPrint(int r) => Modules.GoText.IsPrint(r);
}
