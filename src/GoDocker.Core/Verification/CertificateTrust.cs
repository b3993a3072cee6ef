using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Verification;

/// <summary>
/// The certificates a Go build trusts: the system bundle (what Go reads on Linux) plus the GoCaCertificate PEM files.
/// Kept apart so a chain can be told "trusted by the system" from "trusted only through GoCaCertificate".
/// </summary>
public sealed class CertificateTrust
{
    /// <summary>Where Go looks for the system bundle on Linux, in order (crypto/x509 root_linux.go).</summary>
    public static readonly IReadOnlyList<string> SystemBundlePaths =
    [
        "/etc/ssl/certs/ca-certificates.crt",
        "/etc/pki/tls/certs/ca-bundle.crt",
        "/etc/ssl/ca-bundle.pem",
        "/etc/pki/tls/cacert.pem",
        "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",
        "/etc/ssl/cert.pem",
    ];

    private CertificateTrust(X509Certificate2Collection system, X509Certificate2Collection goCa, string? systemBundle, IReadOnlyList<Diagnostic> diagnostics)
    {
        SystemRoots = system;
        GoCaCertificates = goCa;
        SystemBundle = systemBundle;
        Diagnostics = diagnostics;
    }

    public X509Certificate2Collection SystemRoots { get; }
    public X509Certificate2Collection GoCaCertificates { get; }
    public string? SystemBundle { get; }

    /// <summary>GD4008 for every GoCaCertificate file that is missing or holds no certificate.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    public static CertificateTrust Load(VerificationOptions options)
    {
        var bundle = options.SystemTrustBundle ?? FindSystemBundle();
        var system = new X509Certificate2Collection();
        if (bundle is not null && File.Exists(bundle))
        {
            try
            {
                system.ImportFromPemFile(bundle);
            }
            catch (CryptographicException)
            {
                // An unreadable system bundle is the same as none: the chain check will say what is untrusted.
            }
        }

        var goCa = new X509Certificate2Collection();
        var diagnostics = new List<Diagnostic>();
        foreach (var file in options.CaCertificateFiles)
        {
            var problem = TryImport(file, goCa);
            if (problem is not null)
            {
                diagnostics.Add(DiagnosticCatalog.InvalidCaCertificate.Create(SourceLocation.Of(file), file, problem));
            }
        }
        return new CertificateTrust(system, goCa, bundle, diagnostics);
    }

    private static string? FindSystemBundle()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("SSL_CERT_FILE");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return fromEnvironment;
        }
        return SystemBundlePaths.FirstOrDefault(File.Exists);
    }

    private static string? TryImport(string file, X509Certificate2Collection into)
    {
        if (!File.Exists(file))
        {
            return "the file does not exist";
        }
        var before = into.Count;
        try
        {
            into.ImportFromPemFile(file);
        }
        catch (CryptographicException ex)
        {
            return ex.Message.TrimEnd('.');
        }
        return into.Count == before ? "it holds no PEM certificate" : null;
    }

    public bool IsSystemRoot(X509Certificate2 certificate) => Contains(SystemRoots, certificate);

    public bool IsGoCaCertificate(X509Certificate2 certificate) => Contains(GoCaCertificates, certificate);

    private static bool Contains(X509Certificate2Collection collection, X509Certificate2 certificate)
    {
        foreach (var candidate in collection)
        {
            if (candidate.RawData.AsSpan().SequenceEqual(certificate.RawData))
            {
                return true;
            }
        }
        return false;
    }
}
