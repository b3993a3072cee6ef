using GoDocker.Core.Projects;

namespace GoDocker.Core.GoEnv;

/// <summary>
/// The Go settings a .goproj gives (GoProxy, GoSumDb, …) as reader overrides, each positioned at its property so
/// that GD1001–GD1005 point at the line to fix.
/// </summary>
public static class ProjectGoEnvOverrides
{
    public static IReadOnlyDictionary<string, GoEnvOverride> From(GoProjectSettings settings)
    {
        var overrides = new Dictionary<string, GoEnvOverride>(StringComparer.Ordinal);
        foreach (var (property, variable) in ProjectPropertyNames.GoEnvironmentProperties)
        {
            if (settings.GoEnv(variable) is { Length: > 0 } value)
            {
                overrides[variable] = new GoEnvOverride(value, settings.Positions.Property(property));
            }
        }
        return overrides;
    }
}
