using GoDocker.Core.Classification;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.Projects;

namespace GoDocker.Core.Verification;

/// <summary>
/// Points verify's diagnostics at what the user would edit: a missing module version or checksum-database miss at the
/// go.mod require line, a trust failure at GoCaCertificate, anything else about an endpoint at the property that names
/// it (GoProxy, GoSumDb, GoPrivate). Diagnostics that already have a position keep it.
/// </summary>
public static class ProbeDiagnosticPositions
{
    private static readonly DiagnosticDescriptor[] AtRequire =
    [
        DiagnosticCatalog.ModuleVersionNotFound, DiagnosticCatalog.ChecksumDbNotFound, DiagnosticCatalog.CredentialsRequired,
        DiagnosticCatalog.UnrecognizedImportPath,
    ];

    // A refused secret, or an SSH host that is not one: the GoBuildSecret item is what to change.
    private static readonly DiagnosticDescriptor[] AtBuildSecret = [DiagnosticCatalog.BuildSecretRefused, DiagnosticCatalog.NotAnSshServer];

    private static readonly DiagnosticDescriptor[] AtCaCertificate =
    [
        DiagnosticCatalog.UnknownAuthority, DiagnosticCatalog.IncompleteChain, DiagnosticCatalog.SelfSignedCertificate,
        DiagnosticCatalog.TlsInterception, DiagnosticCatalog.TlsInterceptionTrusted,
    ];

    public static Diagnostic Place(Diagnostic diagnostic, ProbeTarget target, IDiagnosticPositions positions)
    {
        if (diagnostic.Location is not null)
        {
            return diagnostic;
        }
        var location = AtRequire.Contains(diagnostic.Descriptor) ? positions.Require(target.ModulePath)
            : AtBuildSecret.Contains(diagnostic.Descriptor) ? positions.Property(ProjectPropertyNames.GoBuildSecret) ?? SettingOf(target, positions)
            : AtCaCertificate.Contains(diagnostic.Descriptor) ? positions.Property(ProjectPropertyNames.GoCaCertificate) ?? SettingOf(target, positions)
            : SettingOf(target, positions);
        return diagnostic.At(location);
    }

    private static SourceLocation? SettingOf(ProbeTarget target, IDiagnosticPositions positions) => target.Role switch
    {
        ProbeRole.ChecksumDb => positions.Property(ProjectPropertyNames.GoSumDb),
        ProbeRole.Direct => positions.Property(ProjectPropertyNames.GoPrivate) ?? positions.Property(ProjectPropertyNames.GoProxy),
        _ => positions.Property(ProjectPropertyNames.GoProxy),
    };
}
