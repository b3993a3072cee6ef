using System.Security.Cryptography.X509Certificates;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Verification;

/// <summary>
/// Judges a chain the way Go's crypto/x509 would with the system bundle plus GoCaCertificate files as roots, and names
/// the exact failure: unknown authority, expired, not yet valid, wrong host name, a missing intermediate (named, and
/// checked against what the AIA URL serves when the probe fetched it), a complete chain whose root is not configured,
/// self-signed, a known interception product's CA, or a public host answered through a private root.
/// </summary>
public static class TlsChainAnalyzer
{
    /// <param name="aiaIssuer">The certificate the top of the chain's AIA URL served, when the probe fetched it (see
    /// <see cref="TlsChainAnalysis.MissingIssuerUrl"/>): it names and verifies what the server left out.</param>
    public static TlsChainAnalysis Analyze(string host, X509Certificate2 leaf, X509Certificate2Collection presented, CertificateTrust trust, DateTime utcNow,
        AiaIssuer? aiaIssuer = null)
    {
        var endpoint = host;
        var diagnostics = new List<Diagnostic>();
        var presentedNames = new[] { leaf }.Concat(presented.Where(c => !SameCertificate(c, leaf))).Select(c => c.Subject).ToArray();

        var (elements, status, problems) = BuildChain(leaf, presented, trust, utcNow);
        var top = elements.Length > 0 ? elements[^1] : leaf;
        var untrusted = IsUntrusted(status);
        var topIsRoot = IsSelfIssued(top);
        var issuerShown = topIsRoot ? top.Subject : top.Issuer;
        var summary = $"chain {string.Join(" <- ", elements.Select(e => $"'{e.Subject}'"))}";
        // A TLS-inspecting product names itself in the CA that re-signs the server's certificate.
        var product = elements.Select(e => InterceptionProducts.Find(e.Issuer)).FirstOrDefault(p => p is not null);
        Uri? missingIssuerUrl = null;

        if (PublicHosts.IsWellKnown(host) && (untrusted || !trust.IsSystemRoot(top)))
        {
            if (untrusted || !trust.IsGoCaCertificate(top))
            {
                diagnostics.Add(product is null
                    ? DiagnosticCatalog.TlsInterception.Create(endpoint, issuerShown)
                    : DiagnosticCatalog.TlsInterceptedByProxy.Create(endpoint, issuerShown, $"(the TLS inspection CA of {product})"));
            }
            else
            {
                diagnostics.Add(DiagnosticCatalog.TlsInterceptionTrusted.Create(endpoint, issuerShown));
            }
        }
        else if (untrusted)
        {
            missingIssuerUrl = topIsRoot || product is not null || aiaIssuer is not null ? null : AiaIssuer.UrlOf(top);
            diagnostics.Add(Untrusted(endpoint, leaf, presented, trust, utcNow, elements, product, aiaIssuer));
        }
        else if (status != X509ChainStatusFlags.NoError)
        {
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

        return new TlsChainAnalysis(diagnostics, summary, presentedNames) { MissingIssuerUrl = missingIssuerUrl };
    }

    /// <summary>Why a chain that reaches no trusted root fails, as precisely as the sent certificates and AIA allow.</summary>
    private static Diagnostic Untrusted(string endpoint, X509Certificate2 leaf, X509Certificate2Collection presented, CertificateTrust trust, DateTime utcNow,
        X509Certificate2[] elements, string? product, AiaIssuer? aiaIssuer)
    {
        var top = elements.Length > 0 ? elements[^1] : leaf;
        if (elements.Length <= 1 && IsSelfIssued(leaf))
        {
            return DiagnosticCatalog.SelfSignedCertificate.Create(endpoint, leaf.Subject);
        }
        if (product is not null)
        {
            return DiagnosticCatalog.TlsInterceptedByProxy.Create(endpoint, IsSelfIssued(top) ? top.Subject : top.Issuer, $"(the TLS inspection CA of {product})");
        }
        if (IsSelfIssued(top))
        {
            // The server sent everything up to and including its root; only trust in that root is missing.
            return DiagnosticCatalog.UntrustedRootOfCompleteChain.Create(endpoint, top.Subject, "");
        }
        if (aiaIssuer?.Certificate is { } fetched && fetched.SubjectName.RawData.AsSpan().SequenceEqual(top.IssuerName.RawData))
        {
            var (extended, status, _) = BuildChain(leaf, [.. presented, fetched], trust, utcNow);
            // The chain builder checks the signature: the fetched certificate counts only if it continues the chain.
            if (extended.Any(e => SameCertificate(e, fetched)) && !status.HasFlag(X509ChainStatusFlags.NotSignatureValid))
            {
                if (IsSelfIssued(fetched))
                {
                    return DiagnosticCatalog.UntrustedRootOfCompleteChain.Create(endpoint, fetched.Subject,
                        $" (the server does not send it, as usual for a root; fetched from {aiaIssuer.Url}, the AIA URL of '{top.Subject}')");
                }
                var root = extended[^1];
                var how = IsUntrusted(status)
                    ? $"; fetched from {aiaIssuer.Url} (the AIA URL of '{top.Subject}') and verified: it signed '{top.Subject}', but its own issuer '{fetched.Issuer}' is not trusted either"
                    : $"; fetched from {aiaIssuer.Url} (the AIA URL of '{top.Subject}') and verified: it signed '{top.Subject}' and chains to the {(trust.IsGoCaCertificate(root) ? "GoCaCertificate" : "system")} root '{root.Subject}'";
                return DiagnosticCatalog.IncompleteChain.Create(endpoint, top.Issuer, how);
            }
        }
        var aiaUrl = AiaIssuer.UrlOf(top);
        if (elements.Length <= 1 && (aiaUrl is not null || trust.GoCaCertificates.Count > 0))
        {
            // Only the leaf came, and it names an issuer that no trusted certificate is: the intermediate is missing.
            var note = aiaIssuer switch
            {
                { Certificate: null } failed => $"; its AIA URL {failed.Url} could not be fetched to check it ({failed.Problem})",
                { Certificate: { } other } => $"; its AIA URL {aiaIssuer.Url} serves '{other.Subject}', which does not continue the chain",
                _ => "",
            };
            return DiagnosticCatalog.IncompleteChain.Create(endpoint, top.Issuer, note);
        }
        if (elements.Length >= 2)
        {
            // Leaf and intermediates came, linked, up to a root that servers do not send: that root is not configured.
            return DiagnosticCatalog.UntrustedRootOfCompleteChain.Create(endpoint, top.Issuer, "");
        }
        return DiagnosticCatalog.UnknownAuthority.Create(endpoint, top.Issuer);
    }

    private static (X509Certificate2[] Elements, X509ChainStatusFlags Status, string Problems) BuildChain(X509Certificate2 leaf, X509Certificate2Collection presented, CertificateTrust trust, DateTime utcNow)
    {
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
        // Dates are judged per certificate, with the dates in the message.
        const X509ChainStatusFlags timeFlags = X509ChainStatusFlags.NotTimeValid | X509ChainStatusFlags.NotTimeNested | X509ChainStatusFlags.CtlNotTimeValid;
        var status = chain.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (all, s) => all | s.Status) & ~timeFlags;
        var problems = string.Join("; ", chain.ChainStatus.Where(s => (s.Status & ~timeFlags) != 0).Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0));
        return (chain.ChainElements.Select(e => e.Certificate).ToArray(), status, problems);
    }

    private static bool IsUntrusted(X509ChainStatusFlags status) =>
        status.HasFlag(X509ChainStatusFlags.UntrustedRoot) || status.HasFlag(X509ChainStatusFlags.PartialChain);

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

    private static bool SameCertificate(X509Certificate2 a, X509Certificate2 b) => a.RawData.AsSpan().SequenceEqual(b.RawData);
}
