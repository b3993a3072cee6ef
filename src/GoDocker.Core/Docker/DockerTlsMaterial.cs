using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace GoDocker.Core.Docker;

/// <summary>
/// The TLS files the docker CLI would use for an engine: the CA that signed the engine's certificate (ca.pem), and
/// the client certificate and key (cert.pem, key.pem) when there are both. <see cref="Verify"/> is false for
/// DOCKER_TLS without DOCKER_TLS_VERIFY, or a context with SkipTLSVerify.
/// </summary>
public sealed record DockerTlsMaterial(string Folder, string? CaFile, string? CertFile, string? KeyFile, bool Verify)
{
    public const string CaFileName = "ca.pem";
    public const string CertFileName = "cert.pem";
    public const string KeyFileName = "key.pem";

    /// <summary>What the user changes to give other files: DOCKER_CERT_PATH, or the context's TLS files.</summary>
    public string ChangeHint { get; init; } = "DOCKER_CERT_PATH";

    /// <summary>The CA certificates of ca.pem (empty without one).</summary>
    public X509Certificate2Collection LoadCa()
    {
        var collection = new X509Certificate2Collection();
        if (CaFile is not null)
        {
            collection.ImportFromPemFile(CaFile);
            if (collection.Count == 0)
            {
                throw new CryptographicException($"{CaFile} holds no PEM certificate");
            }
        }
        return collection;
    }

    /// <summary>The client certificate with its private key, or null when the material has none.</summary>
    public X509Certificate2? LoadClientCertificate()
    {
        if (CertFile is null || KeyFile is null)
        {
            return null;
        }
        X509Certificate2 pair;
        try
        {
            pair = X509Certificate2.CreateFromPemFile(CertFile, KeyFile);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            // CreateFromPemFile: "The key contents do not contain a PEM", or (ArgumentException) a key of another certificate.
            throw new CryptographicException($"{KeyFile} is not the private key of {CertFile} ({e.Message})", e);
        }
        if (!OperatingSystem.IsWindows())
        {
            return pair;
        }
        // SChannel cannot use an ephemeral key for a client certificate.
        using (pair)
        {
            #pragma warning disable SYSLIB0057 // X509CertificateLoader is .NET 9+; this library targets net8.0.
            return new X509Certificate2(pair.Export(X509ContentType.Pkcs12));
#pragma warning restore SYSLIB0057
        }
    }

    /// <summary>Why these files cannot be used for a TLS connection (unreadable, no certificate, key of another certificate), or null.</summary>
    public string? Problem()
    {
        try
        {
            LoadCa();
            using var client = LoadClientCertificate();
            return null;
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            return e.Message;
        }
    }
}
