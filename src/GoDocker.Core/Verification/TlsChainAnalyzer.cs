using System.Security.Cryptography.X509Certificates;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Verification;

/// <summary>
/// Judges a chain the way Go's crypto/x509 would with the system bundle plus GoCaCertificate files as roots, and names
/// the exact failure: unknown authority, expired, not yet valid, wrong host name, missing intermediate, self-signed,
/// or a public host answered through a private root (TLS interception).
/// </summary>
public static class TlsChainAnalyzer
{
    private const string AuthorityInformationAccessOid = "1.3.6.1.5.5.7.1.1";

    public static TlsChainAnalysis Analyze(string host, X509Certificate2 leaf, X509Certificate2Collection presented, CertificateTrust trust, DateTime utcNow)
    {
        var endpoint = host;
        var diagnostics = new List<Diagnostic>();
        var presentedNames = new[] { leaf }.Concat(presented.Where(c => !SameCertificate(c, leaf))).Select(c => c.Subject).ToArray();

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(trust.SystemRoots);
        chain.ChainPolicy.CustomTrustStore.AddRange(trust.GoCaCertificates);
        chain.ChainPolicy.ExtraStore.AddRange(presented);
        // Go treats every certificate in the bundle as a trust anchor, intermediates included.
        chain.ChainPolicy.ExtraStore.AddRange(trust.GoCaCertificates);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true; // Go never fetches AIA intermediates.
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.IgnoreNotTimeValid | X509VerificationFlags.IgnoreCtlNotTimeValid;
        chain.ChainPolicy.VerificationTime = utcNow;
        chain.Build(leaf);

        var elements = chain.ChainElements.Select(e => e.Certificate).ToArray();
        var top = elements.Length > 0 ? elements[^1] : leaf;
        // Dates are judged per certificate below, with the dates in the message.
        const X509ChainStatusFlags timeFlags = X509ChainStatusFlags.NotTimeValid | X509ChainStatusFlags.NotTimeNested | X509ChainStatusFlags.CtlNotTimeValid;
        var status = chain.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (all, s) => all | s.Status) & ~timeFlags;
        var untrusted = status.HasFlag(X509ChainStatusFlags.UntrustedRoot) || status.HasFlag(X509ChainStatusFlags.PartialChain);
        var topIsRoot = IsSelfIssued(top);
        var issuerShown = topIsRoot ? top.Subject : top.Issuer;
        var summary = $"chain {string.Join(" <- ", elements.Select(e => $"'{e.Subject}'"))}";

        if (PublicHosts.IsWellKnown(host) && (untrusted || !trust.IsSystemRoot(top)))
        {
            if (untrusted || !trust.IsGoCaCertificate(top))
            {
                diagnostics.Add(DiagnosticCatalog.TlsInterception.Create(endpoint, issuerShown));
            }
            else
            {
                diagnostics.Add(DiagnosticCatalog.TlsInterceptionTrusted.Create(endpoint, issuerShown));
            }
        }
        else if (untrusted)
        {
            if (elements.Length <= 1 && IsSelfIssued(leaf))
            {
                diagnostics.Add(DiagnosticCatalog.SelfSignedCertificate.Create(endpoint, leaf.Subject));
            }
            else if (!topIsRoot && HasAuthorityInformationAccess(top))
            {
                // The top certificate names an issuer by AIA that nobody sent: browsers fetch it, Go does not.
                diagnostics.Add(DiagnosticCatalog.IncompleteChain.Create(endpoint, top.Issuer));
            }
            else
            {
                diagnostics.Add(DiagnosticCatalog.UnknownAuthority.Create(endpoint, issuerShown));
            }
        }
        else if (status != X509ChainStatusFlags.NoError)
        {
            var problems = string.Join("; ", chain.ChainStatus.Where(s => (s.Status & ~timeFlags) != 0).Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0));
            diagnostics.Add(DiagnosticCatalog.TlsHandshakeFailed.Create(endpoint, $"the certificate chain is invalid ({problems})"));
        }

        foreach (var certificate in elements.Length > 0 ? elements : [leaf])
        {
            if (certificate.NotAfter.ToUniversalTime() < utcNow)
            {
                diagnostics.Add(DiagnosticCatalog.CertificateExpired.Create(endpoint, certificate.Subject, new DateTimeOffset(certificate.NotAfter.ToUniversalTime())));
            }
            else if (certificate.NotBefore.ToUniversalTime() > utcNow)
            {
                diagnostics.Add(DiagnosticCatalog.CertificateNotYetValid.Create(endpoint, certificate.Subject, new DateTimeOffset(certificate.NotBefore.ToUniversalTime())));
            }
        }

        // Go has ignored the Common Name since 1.15: only subject alternative names count.
        if (!leaf.MatchesHostname(host, allowWildcards: true, allowCommonName: false))
        {
            var names = SubjectAlternativeNames(leaf);
            diagnostics.Add(DiagnosticCatalog.HostnameMismatch.Create(endpoint,
                names.Count == 0 ? "no name at all (it has no subject alternative names)" : string.Join(", ", names), host));
        }

        return new TlsChainAnalysis(diagnostics, summary, presentedNames);
    }

    public static IReadOnlyList<string> SubjectAlternativeNames(X509Certificate2 certificate)
    {
        var extension = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
        if (extension is null)
        {
            return [];
        }
        return extension.EnumerateDnsNames().Concat(extension.EnumerateIPAddresses().Select(a => a.ToString())).ToArray();
    }

    private static bool IsSelfIssued(X509Certificate2 certificate) =>
        certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData);

    private static bool HasAuthorityInformationAccess(X509Certificate2 certificate) =>
        certificate.Extensions.Any(e => e.Oid?.Value == AuthorityInformationAccessOid);

    private static bool SameCertificate(X509Certificate2 a, X509Certificate2 b) => a.RawData.AsSpan().SequenceEqual(b.RawData);
}
