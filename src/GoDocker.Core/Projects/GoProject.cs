using System.Collections.Immutable;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Projects;

/// <summary>
/// A .goproj parsed once: typed settings that keep the position of every value (the Go environment the build will
/// have, images, secrets, CA files, the Dockerfile's path, the build's gateway) and the diagnostics found while
/// parsing. Every operation (generate, verify, download) takes this model; none reads or checks a setting again.
/// </summary>
public sealed record GoProject(GoProjectSettings Settings, ImmutableArray<Diagnostic> Diagnostics)
{
    /// <summary>True when a setting is wrong: no operation runs on such a project.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    /// <summary>Parses and checks a project as a front end evaluated it; never throws for a bad value.</summary>
    public static GoProject Load(GoProjectInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var positions = input.Positions ?? ProjectFilePositions.Read(input.ProjectPath);
        var (secrets, secretDiagnostics) = GoBuildSecretItems.Read(input.BuildSecrets.Select(i => (i.Include, i.Metadata)), positions);
        var (settings, diagnostics) = GoProjectSettingsReader.Read(
            input.ProjectPath, input.Properties, input.CaCertificates, secrets, positions, input.Environment, input.Files, input.EnvironmentVariables, input.ImageLabels);
        return new GoProject(settings, [.. secretDiagnostics, .. diagnostics]);
    }
}
