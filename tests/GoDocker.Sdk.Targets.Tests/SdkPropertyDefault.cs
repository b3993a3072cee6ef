using System.Runtime.InteropServices;

namespace GoDocker.Sdk.Targets.Tests;

/// <summary>Where a default path is anchored: nowhere (a plain value), the project's folder, or the SDK's own folder.</summary>
public enum DefaultAnchor
{
    None,
    ProjectFolder,
    SdkFolder,
}

/// <summary>
/// One SDK property: what a project evaluates it to when it leaves the property unset, and a value a user could set
/// instead. <paramref name="DefaultedAfterProjectBody"/>: the default applies after the project body (Sdk.targets), so
/// an empty element in the project still gets it; the project-shape defaults of Sdk.props come before the body.
/// </summary>
public sealed record SdkPropertyDefault(string Name, string Default, DefaultAnchor Anchor, string Override, bool DefaultedAfterProjectBody)
{
    /// <summary>The default as the evaluated property must read; paths are full paths with '/' separators.</summary>
    public string Expected(string projectFolder, string sdkFolder) => Anchor switch
    {
        DefaultAnchor.ProjectFolder => NormalPath(Path.Combine(projectFolder, Default)),
        DefaultAnchor.SdkFolder => NormalPath(Path.Combine(sdkFolder, Default)),
        _ => Default,
    };

    /// <summary>An evaluated value in the form <see cref="Expected"/> gives: MSBuild's own paths use '\' on every OS.</summary>
    public string Normalize(string evaluated) => Anchor == DefaultAnchor.None ? evaluated : NormalPath(evaluated);

    private static string NormalPath(string path) =>
        Path.TrimEndingDirectorySeparator(Path.GetFullPath(RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? path : path.Replace('\\', '/')));

    public override string ToString() => Name;
}
