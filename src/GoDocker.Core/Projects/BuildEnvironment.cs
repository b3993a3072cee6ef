using System.Collections.Immutable;
using GoDocker.Core.GoEnv;

namespace GoDocker.Core.Projects;

/// <summary>The Go variables a build sets, in the image (ENV) or for the host's go alike.</summary>
public static class BuildEnvironment
{
    /// <summary>
    /// The Go variables the Dockerfile sets: GOPROXY, GOSUMDB and GOTOOLCHAIN always, so the image's own defaults never
    /// decide what the build contacts, and every other value the project, the process environment or go env -w set.
    /// GONOPROXY and GONOSUMDB taken from GOPRIVATE are left for the go command in the image to derive the same way.
    /// </summary>
    /// <summary>The project's Go variables: <see cref="Of(GoEnv.GoEnvironment)"/> plus its GoEnvironmentVariable items.</summary>
    public static ImmutableSortedDictionary<string, string> Of(GoProjectSettings settings) =>
        Of(settings.Environment).SetItems(settings.EnvironmentVariables);

    public static ImmutableSortedDictionary<string, string> Of(GoEnv.GoEnvironment environment)
    {
        var written = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var setting in ProjectSettingCatalog.GoEnvironment)
        {
            var value = environment[setting.GoVariable!];
            var always = value.Name is "GOPROXY" or "GOSUMDB" or "GOTOOLCHAIN";
            if (value.Value.Length > 0 && (always || value.Source is GoEnvSource.Project or GoEnvSource.ProcessEnvironment or GoEnvSource.UserEnvFile))
            {
                written[value.Name] = value.Value;
            }
        }
        return written.ToImmutable();
    }
}
