using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace GoDocker.Core.Images;

/// <summary>
/// Which certificates a registry may present: the system's roots, plus the project's GoCaCertificate files and the
/// CA Docker itself reads for the host (<c>/etc/docker/certs.d/HOST:PORT/ca.crt</c>). Remembers why a certificate was
/// refused, so the push names the cause instead of a bare TLS error.
/// </summary>
public sealed class RegistryTrust
{
    private readonly X509Certificate2Collection _extra = [];

    public RegistryTrust(string registry, IEnumerable<string> caFiles, string dockerCertsFolder = "/etc/docker/certs.d")
    {
        var files = caFiles.ToList();
        var dockerCa = Path.Combine(dockerCertsFolder, registry, "ca.crt");
        if (File.Exists(dockerCa))
        {
            files.Add(dockerCa);
        }
        foreach (var file in files)
        {
            try
            {
                _extra.ImportFromPemFile(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
            {
                // GoCaCertificate items are checked when the project is read; an unreadable Docker CA is simply not trusted.
            }
        }
    }

    /// <summary>True once the server sent a certificate: the connection spoke TLS.</summary>
    public bool SawCertificate { get; private set; }

    /// <summary>Why the last certificate was refused, or null.</summary>
    public string? Refusal { get; private set; }

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        SawCertificate = certificate is not null;
        Refusal = null;
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            Refusal = "it sent no certificate";
            return false;
        }
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            Refusal = $"the certificate is for {certificate.Subject}, not this host";
            return false;
        }
        using var leaf = new X509Certificate2(certificate);
        if (_extra.Count > 0)
        {
            using var custom = new X509Chain();
            custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            custom.ChainPolicy.CustomTrustStore.AddRange(_extra);
            custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            if (chain is not null)
            {
                custom.ChainPolicy.ExtraStore.AddRange(chain.ChainPolicy.ExtraStore);
            }
            if (custom.Build(leaf))
            {
                return true;
            }
        }
        var status = chain?.ChainStatus.Select(s => s.StatusInformation.Trim()).FirstOrDefault(s => s.Length > 0);
        Refusal = $"issued by '{leaf.Issuer}', which is not a trusted authority" + (status is null ? "" : $": {status}");
        return false;
    }
}
