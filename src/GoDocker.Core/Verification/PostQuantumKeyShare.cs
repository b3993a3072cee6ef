using GoDocker.Core.Modules;

namespace GoDocker.Core.Verification;

/// <summary>
/// The hybrid key share a Go release puts into its ClientHello by default, and the GODEBUG setting that turns it off:
/// X25519Kyber768Draft00 in Go 1.23 (<c>tlskyber=0</c>), X25519MLKEM768 from Go 1.24 (<c>tlsmlkem=0</c>).
/// Both shares are 1 216 bytes (a 1 184-byte ML-KEM-768 encapsulation key plus a 32-byte X25519 key).
/// </summary>
public sealed record PostQuantumKeyShare(ushort Group, string GroupName, string GoRelease, string Fix, string OtherFix)
{
    public const int ShareLength = 1216;

    public static readonly PostQuantumKeyShare Kyber = new(0x6399, "X25519Kyber768Draft00", "1.23", "tlskyber=0", "");

    public static readonly PostQuantumKeyShare MlKem = new(0x11EC, "X25519MLKEM768", "1.24 and later", "tlsmlkem=0", "");

    /// <summary>When the image's Go is unknown: the current share, and both fixes named.</summary>
    public static readonly PostQuantumKeyShare Unknown = new(0x11EC, "X25519MLKEM768, or X25519Kyber768Draft00 on Go 1.23",
        "1.23 and later (the base image's Go version is unknown)", "tlsmlkem=0", " (on Go 1.23: Value=\"tlskyber=0\")");

    /// <summary>
    /// The share the Go of <paramref name="goVersion"/> sends (a language or release version, such as 1.24 or
    /// 1.23.4); null when that Go sends none (before 1.23), <see cref="Unknown"/> when the version is unknown.
    /// </summary>
    public static PostQuantumKeyShare? For(string? goVersion)
    {
        if (goVersion is null || !GoVersion.IsValid(goVersion))
        {
            return Unknown;
        }
        var lang = GoVersion.Lang(goVersion);
        if (GoVersion.Compare(lang, "1.23") < 0)
        {
            return null;
        }
        return GoVersion.Compare(lang, "1.23") == 0 ? Kyber : MlKem;
    }
}
