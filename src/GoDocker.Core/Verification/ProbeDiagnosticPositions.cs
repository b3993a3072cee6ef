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
    public static Diagnostic Place(Diagnostic diagnostic, ProbeTarget target, IDiagnosticPositions positions)
    {
        if (diagnostic.Location is not null)
        {
            return diagnostic;
        }
        var location = diagnostic.Code switch
        {
            "GD6001" or "GD6002" or "GD6005" or "GD6011" => positions.Require(target.ModulePath),
            // A refused secret, or an SSH host that is not one: the GoBuildSecret item is what to change.
            "GD7013" or "GD3013" => positions.Property(ProjectPropertyNames.GoBuildSecret) ?? SettingOf(target, positions),
            "GD4001" or "GD4005" or "GD4006" or "GD4007" or "GD4020" =>
                positions.Property(ProjectPropertyNames.GoCaCertificate) ?? SettingOf(target, positions),
            _ => SettingOf(target, positions),
        };
        return diagnostic.At(location);
    }

    private static SourceLocation? SettingOf(ProbeTarget target, IDiagnosticPositions positions) => target.Role switch
    {
        ProbeRole.ChecksumDb => positions.Property(ProjectPropertyNames.GoSumDb),
        ProbeRole.Direct => positions.Property(ProjectPropertyNames.GoPrivate) ?? positions.Property(ProjectPropertyNames.GoProxy),
        _ => positions.Property(ProjectPropertyNames.GoProxy),
    };
}
