namespace GoDocker.Core.Projects;

/// <summary>
/// Paths as a Docker build sees them: relative to the context folder, with '/' separators, never escaping it.
/// </summary>
public static class ContextPath
{
    private static readonly StringComparison PathComparison =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>Whether <paramref name="path"/> is the context folder or lies below it.</summary>
    public static bool IsInside(string context, string path)
    {
        var relative = Path.GetRelativePath(Path.GetFullPath(context), Path.GetFullPath(path));
        if (relative == ".")
        {
            return true;
        }
        return !Path.IsPathRooted(relative) && relative != ".."
            && !relative.StartsWith("../", PathComparison) && !relative.StartsWith("..\\", PathComparison);
    }

    /// <summary>The context-relative form of a path inside the context ("." for the context itself).</summary>
    public static string Relative(string context, string path)
    {
        var relative = Path.GetRelativePath(Path.GetFullPath(context), Path.GetFullPath(path));
        return relative.Replace(Path.DirectorySeparatorChar, '/');
    }
}
