namespace GoDocker.Core.Verification;

/// <summary>How a verify runs: the per-phase timeout and the CA certificates the build would trust.</summary>
public sealed record VerificationOptions
{
    public static readonly TimeSpan DefaultPhaseTimeout = TimeSpan.FromSeconds(5);

    public TimeSpan PhaseTimeout { get; init; } = DefaultPhaseTimeout;

    /// <summary>GoCaCertificate items: PEM files of CAs (or intermediates) to trust on top of the system store.</summary>
    public IReadOnlyList<string> CaCertificateFiles { get; init; } = [];

    /// <summary>The netrc credentials the build mounts (GoBuildSecret netrc items), sent as the go command sends them.</summary>
    public Credentials.NetrcCredentials Credentials { get; init; } = GoDocker.Core.Credentials.NetrcCredentials.None;

    /// <summary>The GoBuildSecret items: verify asks a private repository what git in the build will, and names the
    /// item whose credentials it refuses.</summary>
    public IReadOnlyList<Projects.GoBuildSecret> BuildSecrets { get; init; } = [];

    /// <summary>
    /// Restates a module proxy's 401/403 (endpoint, answer, what was asked) with what the project gives for it, or
    /// returns null to keep GD3007; ProjectVerification sets it from the project's netrc item and go's rules.
    /// </summary>
    public Func<Uri, string, string, Diagnostics.Diagnostic?>? ExplainRefusal { get; init; }

    /// <summary>
    /// The post-quantum key share the base image's Go sends (Go 1.23+, or unknown), for the Go-sized ClientHello check
    /// (GD4021); null skips it, as for an image whose Go is older than 1.23.
    /// </summary>
    public PostQuantumKeyShare? PostQuantumKeyShare { get; init; }

    /// <summary>The system CA bundle; null means SSL_CERT_FILE, else the Debian/RHEL/Alpine default paths.</summary>
    public string? SystemTrustBundle { get; init; }

    /// <summary>Where the project lists its CA certificates, for trust failures.</summary>
    public Diagnostics.SourceLocation? TrustLocation { get; init; }

    /// <summary>Where the project gives its build secret, for refused credentials.</summary>
    public Diagnostics.SourceLocation? SecretLocation { get; init; }
}
