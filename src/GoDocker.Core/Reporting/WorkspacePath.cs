namespace GoDocker.Core.Reporting;

/// <summary>
/// A diagnostic's file as CI systems want it: relative to the checked-out workspace (with '/' separators) when it lies
/// under it, unchanged otherwise, so annotations and reports point at repository files on any runner.
/// </summary>
public static class WorkspacePath
{
    /// <summary>The workspace a CI job runs in: GITHUB_WORKSPACE on GitHub Actions, CI_PROJECT_DIR on GitLab CI.</summary>
    public static string? FromEnvironment() =>
        Environment.GetEnvironmentVariable("GITHUB_WORKSPACE") is { Length: > 0 } github ? github
        : Environment.GetEnvironmentVariable("CI_PROJECT_DIR") is { Length: > 0 } gitlab ? gitlab
        : null;

    public static string Relative(string file, string? workspace)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (string.IsNullOrEmpty(workspace) || !Path.IsPathRooted(file))
        {
            return file.Replace('\\', '/');
        }
        var relative = Path.GetRelativePath(Path.GetFullPath(workspace), Path.GetFullPath(file));
        return IsOutside(relative) ? file : relative.Replace('\\', '/');
    }

    private static bool IsOutside(string relative) =>
        Path.IsPathRooted(relative) || relative == ".." || relative.StartsWith("../", StringComparison.Ordinal) || relative.StartsWith("..\\", StringComparison.Ordinal);
}
