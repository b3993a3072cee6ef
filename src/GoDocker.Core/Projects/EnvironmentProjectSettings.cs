using System.Collections.Immutable;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Projects;

/// <summary>
/// Settings for a folder with a go.mod but no .goproj: the Go values come from the process environment, as the
/// go command would read them, and the SDK's own settings keep their defaults.
/// </summary>
public static class EnvironmentProjectSettings
{
    public static (GoProjectSettings Settings, ImmutableArray<Diagnostic> Diagnostics) Read(string directory, Func<string, string?> getEnv)
    {
        var properties = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var setting in ProjectSettingCatalog.GoEnvironment)
        {
            if (getEnv(setting.GoVariable!) is { Length: > 0 } value)
            {
                properties[setting.Name] = value;
            }
        }
        var goMod = Path.Combine(Path.GetFullPath(directory), "go.mod");
        var certificates = getEnv("SSL_CERT_FILE") is { Length: > 0 } certFile ? new[] { certFile } : [];
        return GoProjectSettingsReader.Read(goMod, properties, certificates, [], ProjectFilePositions.None(goMod), new FunctionEnvironmentSource(getEnv));
    }
}

