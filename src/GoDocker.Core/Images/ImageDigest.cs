using System.Security.Cryptography;

namespace GoDocker.Core.Images;

/// <summary>The content address registries and engines use: <c>sha256:</c> and 64 lowercase hex digits.</summary>
public static class ImageDigest
{
    public static string Of(ReadOnlySpan<byte> content) => "sha256:" + Convert.ToHexString(SHA256.HashData(content)).ToLowerInvariant();

    /// <summary>The hex part, as file names in an image archive use it.</summary>
    public static string Hex(string digest) => digest[(digest.IndexOf(':') + 1)..];
}
