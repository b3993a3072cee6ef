using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace GoDocker.Core.Tests.Projects;

/// <summary>Certificates made in-process, so CA checks are tested without files from outside.</summary>
internal static class TestCertificates
{
    public static X509Certificate2 CreateCa(string name = "CN=GoDocker Test Root CA")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(name, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
    }

    public static string CaPem(string name = "CN=GoDocker Test Root CA")
    {
        using var ca = CreateCa(name);
        return ca.ExportCertificatePem() + "\n";
    }

    /// <summary>A server certificate issued by a test CA: not a trust anchor.</summary>
    public static string LeafPem()
    {
        using var ca = CreateCa();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=proxy.test.invalid", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        using var leaf = request.Create(ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddMonths(1), [1, 2, 3, 4]);
        return leaf.ExportCertificatePem() + "\n";
    }

    /// <summary>An old-style root: self-signed, without BasicConstraints.</summary>
    public static string LegacyRootPem()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Legacy Root", key, HashAlgorithmName.SHA256);
        using var root = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return root.ExportCertificatePem() + "\n";
    }

    public static byte[] CaDer()
    {
        using var ca = CreateCa();
        return ca.RawData;
    }

    public static string PrivateKeyPem()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return key.ExportPkcs8PrivateKeyPem() + "\n";
    }
}
