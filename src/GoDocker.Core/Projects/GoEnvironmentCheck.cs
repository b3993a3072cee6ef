using GoDocker.Core.Diagnostics;
using GoDocker.Core.GoEnv;

namespace GoDocker.Core.Projects;

/// <summary>
/// Validates one Go environment value from a project property with the Core Go environment model, exactly as the
/// go command in the image would read it (GD1001–GD1005).
/// </summary>
internal static class GoEnvironmentCheck
{
    /// <summary>The first problem the go command would report for <paramref name="variable"/>=<paramref name="value"/>, or null.</summary>
    public static Diagnostic? Problem(string variable, string value)
    {
        IReadOnlyList<SettingError> errors = variable switch
        {
            "GOPROXY" => GoProxyList.Parse(value, variable).Errors,
            "GOSUMDB" => GoSumDbSetting.Parse(value, variable).Errors,
            "GOPRIVATE" or "GONOPROXY" or "GONOSUMDB" or "GOINSECURE" => ModulePathPatterns.Parse(value, variable).Errors,
            "GOFLAGS" => GoFlags.Parse(value, GoFlagsSyntax.Quoted, variable: variable).Errors,
            "GOTOOLCHAIN" => GoToolchainSetting.Parse(value, variable).Errors,
            _ => [],
        };
        return errors.Count == 0 ? null : errors[0].ToDiagnostic();
    }
}
