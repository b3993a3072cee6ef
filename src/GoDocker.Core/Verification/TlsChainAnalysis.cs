using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Verification;

/// <summary>The verdict on a presented certificate chain: what is wrong with it (if anything) and a one-line summary.</summary>
public sealed record TlsChainAnalysis(IReadOnlyList<Diagnostic> Diagnostics, string Summary, IReadOnlyList<string> PresentedChain)
{
    public bool Trusted => !Diagnostics.Any(d => d.IsError);
}
