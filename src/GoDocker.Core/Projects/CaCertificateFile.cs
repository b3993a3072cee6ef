using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace GoDocker.Core.Projects;

/// <summary>
/// Checks that a GoCaCertificate file can serve as a trust anchor before Docker runs: a PEM file whose
/// certificates all parse, each being a CA (BasicConstraints CA=true) or a self-signed root.
/// A DER file, a private key or a leaf certificate would be silently ignored by update-ca-certificates.
/// </summary>
public static class CaCertificateFile
{
    private const string PemBegin = "-----BEGIN CERTIFICATE-----";
    private const long MaxBytes = 4 * 1024 * 1024;

    /// <summary>Why the file is unusable, or null when it is a PEM CA certificate (bundle).</summary>
    public static string? Problem(string path)
    {
        string text;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return Directory.Exists(path) ? "it is a folder, not a file" : "the file does not exist";
            }
            if (info.Length > MaxBytes)
            {
                return $"the file is {info.Length} bytes, too large for a certificate";
            }
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "the file cannot be read (" + e.Message + ")";
        }

        if (text.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
        {
            return "it holds a private key, which must never be copied into an image";
        }
        if (!text.Contains(PemBegin, StringComparison.Ordinal))
        {
            return text.Length > 0 && text[0] == '\x30'
                ? "it is DER (binary); convert it with 'openssl x509 -inform der -in FILE -out FILE.crt'"
                : "it has no PEM certificate block";
        }

        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPem(text);
        }
        catch (CryptographicException e)
        {
            return "a certificate in it cannot be parsed (" + e.Message.TrimEnd('.') + ")";
        }
        if (certificates.Count == 0)
        {
            return "its PEM certificate block cannot be parsed (bad base64 or a truncated block)";
        }
        try
        {
            foreach (var certificate in certificates)
            {
                if (!IsCa(certificate))
                {
                    return $"'{certificate.Subject}' is not a CA certificate (no BasicConstraints CA=true and not self-signed); give the issuing CA instead of the server's certificate";
                }
            }
        }
        finally
        {
            foreach (var certificate in certificates)
            {
                certificate.Dispose();
            }
        }
        return null;
    }

    private static bool IsCa(X509Certificate2 certificate)
    {
        foreach (var extension in certificate.Extensions)
        {
            if (extension is X509BasicConstraintsExtension constraints)
            {
                return constraints.CertificateAuthority;
            }
        }
        // Old roots carry no BasicConstraints; accept them when self-signed (issuer is subject and the key verifies).
        return certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData) && IsSelfSigned(certificate);
    }

    private static bool IsSelfSigned(X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(certificate);
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.IgnoreNotTimeValid;
        return chain.Build(certificate);
    }
}
