using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Verification;

/// <summary>
/// Points verify's diagnostics at what the user would edit, with the positions that travel with the probe: a missing
/// module version at the go.mod requirement the probe asked about, a trust failure at GoCaCertificate, a refused secret
/// at GoBuildSecret, anything else at the setting that names the endpoint. The catalog says which (the code's
/// <see cref="DiagnosticDescriptor.Subject"/>). Diagnostics that already have a position keep it.
/// </summary>
public static class ProbeDiagnosticPositions
{
    public static Diagnostic Place(Diagnostic diagnostic, ProbeTarget target, VerificationOptions options)
    {
        if (diagnostic.Location is not null)
        {
            return diagnostic;
        }
        var location = diagnostic.Descriptor.Subject switch
        {
            DiagnosticSubject.Module => target.Requirement ?? target.Setting,
            DiagnosticSubject.Trust => options.TrustLocation ?? target.Setting,
            DiagnosticSubject.Secret => options.SecretLocation ?? target.Setting,
            _ => target.Setting,
        };
        return location is null ? diagnostic : diagnostic.At(location);
    }
}
