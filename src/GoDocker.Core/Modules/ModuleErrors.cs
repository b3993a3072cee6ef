namespace GoDocker.Core.Modules;

/// <summary>
/// The texts of x/mod's module.InvalidVersionError and module.ModuleError, so every part of Core words
/// version problems exactly as the go command does.
/// </summary>
public static class ModuleErrors
{
    /// <summary>InvalidVersionError: <c>version "v1" invalid: reason</c> (or <c>pseudo-version ...</c>).</summary>
    public static string InvalidVersion(string version, string reason, bool pseudo = false) =>
        $"{(pseudo ? "pseudo-version" : "version")} {GoText.Quote(version)} invalid: {reason}";

    /// <summary>ModuleError wrapping an InvalidVersionError: <c>path@version: invalid version: reason</c>.</summary>
    public static string ModuleInvalidVersion(string path, string version, string reason, bool pseudo = false) =>
        $"{path}@{version}: invalid {(pseudo ? "pseudo-version" : "version")}: {reason}";

    /// <summary>ModuleError with any other cause: <c>path@version: message</c>, or <c>module path: message</c>
    /// when the version is unknown.</summary>
    public static string Module(string path, string version, string message) =>
        version.Length > 0 ? $"{path}@{version}: {message}" : $"module {path}: {message}";
}
