using System.Formats.Asn1;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace GoDocker.Core.Tests.Verification;

/// <summary>Generates the CAs and server certificates the TLS tests need, fresh for every run.</summary>
internal static class TestCertificates
{
    public static X509Certificate2 CreateRoot(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddYears(-1), DateTimeOffset.UtcNow.AddYears(1));
    }

    /// <param name="aiaUrl">A caIssuers URL pointing at <paramref name="issuer"/>, as real intermediates carry.</param>
    public static X509Certificate2 CreateIntermediate(X509Certificate2 issuer, string name, string? aiaUrl = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        if (aiaUrl is not null)
        {
            request.CertificateExtensions.Add(new X509AuthorityInformationAccessExtension(null, [aiaUrl]));
        }
        using var signed = request.Create(issuer, DateTimeOffset.UtcNow.AddMonths(-6), DateTimeOffset.UtcNow.AddMonths(6), Serial());
        return signed.CopyWithPrivateKey(key);
    }

    /// <param name="withAia">Real CAs put an Authority Information Access URL into leaves they issue from an intermediate.</param>
    /// <param name="aiaUrl">That URL, when a test serves the issuer there (default: an unresolvable one).</param>
    public static X509Certificate2 CreateLeaf(X509Certificate2 issuer, string[] dnsNames, IPAddress[] addresses,
        DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null, bool withAia = false, string? aiaUrl = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = LeafRequest(key, dnsNames, addresses);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        if (withAia || aiaUrl is not null)
        {
            request.CertificateExtensions.Add(new X509AuthorityInformationAccessExtension(null, [aiaUrl ?? "http://ca.godocker.invalid/intermediate.crt"]));
        }
        using var signed = request.Create(issuer, notBefore ?? DateTimeOffset.UtcNow.AddDays(-1), notAfter ?? DateTimeOffset.UtcNow.AddMonths(1), Serial());
        return signed.CopyWithPrivateKey(key);
    }

    public static X509Certificate2 CreateSelfSignedLeaf(string[] dnsNames, IPAddress[] addresses)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = LeafRequest(key, dnsNames, addresses);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddMonths(1));
    }

    public static string WritePem(string directory, string name, params X509Certificate2[] certificates)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, string.Concat(certificates.Select(c => c.ExportCertificatePem() + "\n")));
        return path;
    }

    private static CertificateRequest LeafRequest(ECDsa key, string[] dnsNames, IPAddress[] addresses)
    {
        var request = new CertificateRequest($"CN={(dnsNames.Length > 0 ? dnsNames[0] : addresses[0].ToString())}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var names = new SubjectAlternativeNameBuilder();
        foreach (var dns in dnsNames)
        {
            names.AddDnsName(dns);
        }
        foreach (var address in addresses)
        {
            names.AddIpAddress(address);
        }
        request.CertificateExtensions.Add(names.Build());
        return request;
    }

    private static byte[] Serial() => RandomNumberGenerator.GetBytes(12);
}
