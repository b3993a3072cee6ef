using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace GoDocker.Core.Tests.Docker;

/// <summary>
/// TLS files for a Docker engine as `dockerd --tlsverify` and the docker CLI use them, fresh for every test: a CA, the
/// engine's certificate for 127.0.0.1 (ca.pem, server-cert.pem, server-key.pem) and a client certificate
/// (DOCKER_CERT_PATH's ca.pem, cert.pem, key.pem).
/// </summary>
public sealed class TestDockerTls : IDisposable
{
    private TestDockerTls(string folder) => Folder = folder;

    public string Folder { get; }

    /// <summary>What DOCKER_CERT_PATH points at: ca.pem, cert.pem, key.pem.</summary>
    public string ClientFolder => Path.Combine(Folder, "client");

    public string CaFile => Path.Combine(Folder, "ca.pem");
    public string ServerCertFile => Path.Combine(Folder, "server-cert.pem");
    public string ServerKeyFile => Path.Combine(Folder, "server-key.pem");

    public static TestDockerTls Create()
    {
        var tls = new TestDockerTls(Directory.CreateTempSubdirectory("godocker-tls-").FullName);
        using var ca = CreateCa("GoDocker test engine CA");
        File.WriteAllText(tls.CaFile, ca.ExportCertificatePem());
        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using (var server = Issue(ca, serverKey, "127.0.0.1", serverAuth: true))
        {
            File.WriteAllText(tls.ServerCertFile, server.ExportCertificatePem());
            File.WriteAllText(tls.ServerKeyFile, serverKey.ExportPkcs8PrivateKeyPem());
        }
        tls.WriteClientFolder(tls.ClientFolder, ca);
        return tls;
    }

    /// <summary>A client folder whose cert.pem comes from another CA than the one the engine trusts.</summary>
    public string WriteForeignClientFolder()
    {
        var folder = Path.Combine(Folder, "foreign");
        using var other = CreateCa("Another CA");
        WriteClientFolder(folder, other);
        File.Copy(CaFile, Path.Combine(folder, "ca.pem"), overwrite: true);
        return folder;
    }

    private void WriteClientFolder(string folder, X509Certificate2 issuer)
    {
        Directory.CreateDirectory(folder);
        File.Copy(CaFile, Path.Combine(folder, "ca.pem"), overwrite: true);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var client = Issue(issuer, key, "godocker-client", serverAuth: false);
        File.WriteAllText(Path.Combine(folder, "cert.pem"), client.ExportCertificatePem());
        File.WriteAllText(Path.Combine(folder, "key.pem"), key.ExportPkcs8PrivateKeyPem());
    }

    public static X509Certificate2 CreateCa(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
    }

    private static X509Certificate2 Issue(X509Certificate2 issuer, ECDsa key, string name, bool serverAuth)
    {
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid(serverAuth ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        if (serverAuth)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            names.AddDnsName("localhost");
            request.CertificateExtensions.Add(names.Build());
        }
        return request.Create(issuer, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddMonths(1), RandomNumberGenerator.GetBytes(12));
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
