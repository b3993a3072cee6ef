namespace GoDocker.Core.GoMod;

/// <summary>Go's unicode.IsPrint, which with <see cref="Modules.GoStrings.IsSpace"/> decides what the go.mod lexer treats as a token character.</summary>
internal static class GoUnicode
{
    public static bool IsPrint(int r) => r < 0x80 ? r is >= 0x20 and < 0x7F : Modules.GoText.IsPrint(r);

    /// <summary>Go bytes as a string: the fast UTF-8 decoder when the bytes are valid, GoText's byte-preserving one otherwise.</summary>
    public static string FromBytes(ReadOnlySpan<byte> bytes) =>
        System.Text.Unicode.Utf8.IsValid(bytes) ? System.Text.Encoding.UTF8.GetString(bytes) : Modules.GoText.FromBytes(bytes);
}
