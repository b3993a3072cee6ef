using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using GoDocker.Core.Modules;

namespace GoDocker.Core.GoEnv;

/// <summary>
/// A checksum database verifier key <c>name+hash+base64key</c>, checked as golang.org/x/mod/sumdb/note.NewVerifier
/// does: valid name, 8 hex digits of hash equal to the first 4 bytes of SHA-256(name "\n" key), algorithm 1
/// (Ed25519) with a 32-byte public key.
/// </summary>
public sealed record SumDbVerifierKey(string Name, uint Hash, ReadOnlyMemory<byte> PublicKey, string Text)
{
    public const string MalformedId = "malformed verifier id";
    public const string UnknownAlgorithm = "unknown verifier algorithm";
    public const string InvalidHash = "invalid verifier hash";

    private const byte AlgorithmEd25519 = 1;

    /// <summary>Parses a verifier key; on failure <paramref name="error"/> is note's error text.</summary>
    public static bool TryParse(string text, out SumDbVerifierKey? key, out string error)
    {
        key = null;
        error = string.Empty;
        var (name, rest) = Chop(text);
        var (hash16, key64) = Chop(rest);
        var hashOk = uint.TryParse(hash16, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hash);
        var keyBytes = DecodeBase64(key64);
        if (hash16.Length != 8 || !hashOk || keyBytes is null || !IsValidName(name) || keyBytes.Length == 0)
        {
            error = MalformedId;
            return false;
        }
        if (hash != KeyHash(name, keyBytes))
        {
            error = InvalidHash;
            return false;
        }
        if (keyBytes[0] != AlgorithmEd25519)
        {
            error = UnknownAlgorithm;
            return false;
        }
        if (keyBytes.Length - 1 != 32)
        {
            error = MalformedId;
            return false;
        }
        key = new SumDbVerifierKey(name, hash, keyBytes.AsMemory(1), text);
        return true;
    }

    /// <summary>note's keyHash: the first four bytes (big endian) of SHA-256(name + "\n" + encoded key).</summary>
    public static uint KeyHash(string name, ReadOnlySpan<byte> encodedKey)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name + "\n");
        var buffer = new byte[nameBytes.Length + encodedKey.Length];
        nameBytes.CopyTo(buffer, 0);
        encodedKey.CopyTo(buffer.AsSpan(nameBytes.Length));
        return BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(buffer));
    }

    // Non-empty valid UTF-8 without Unicode spaces or '+'.
    private static bool IsValidName(string name) =>
        name.Length > 0 && !name.Contains('+') && !name.Any(c => GoStrings.IsSpace(c)) && GoText.IsValidUtf8(name);

    // Go's base64.StdEncoding: padded, standard alphabet; only CR and LF are skipped.
    private static byte[]? DecodeBase64(string text)
    {
        var cleaned = text.Replace("\r", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal);
        if (cleaned.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '=')) || cleaned.Length % 4 != 0)
        {
            return null;
        }
        try
        {
            return Convert.FromBase64String(cleaned);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static (string Before, string After) Chop(string s)
    {
        var i = s.IndexOf('+');
        return i < 0 ? (s, string.Empty) : (s[..i], s[(i + 1)..]);
    }

    public override string ToString() => Text;
}
