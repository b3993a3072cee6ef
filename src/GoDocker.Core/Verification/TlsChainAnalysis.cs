using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Verification;

/// <summary>The verdict on a presented certificate chain: what is wrong with it (if anything) and a one-line summary.</summary>
public sealed record TlsChainAnalysis(IReadOnlyList<Diagnostic> Diagnostics, string Summary, IReadOnlyList<string> PresentedChain)
{
    public bool Trusted => !Diagnostics.Any(d => d.IsError);

    /// <summary>
    /// The AIA caIssuers URL of the untrusted chain's top certificate, when fetching its issuer would tell what the
    /// server left out; the probe fetches it and analyzes again with what it served.
    /// </summary>
    public Uri? MissingIssuerUrl { get; init; }
}
