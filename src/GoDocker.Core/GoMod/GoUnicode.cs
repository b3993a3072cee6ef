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

    public static bool IsPrint(int r) => r < 0x80 ? r is >= 0x20 and < 0x7F : Modules.GoText.IsPrint(r);

    /// <summary>Go bytes as a string: the fast UTF-8 decoder when the bytes are valid, GoText's byte-preserving one otherwise.</summary>
    public static string FromBytes(ReadOnlySpan<byte> bytes) =>
        System.Text.Unicode.Utf8.IsValid(bytes) ? System.Text.Encoding.UTF8.GetString(bytes) : Modules.GoText.FromBytes(bytes);
}
