namespace GoDocker.Cli;

/// <summary>Resolves --project: a .goproj, a folder holding one, or a folder holding a go.mod (environment mode).</summary>
internal static class ProjectLocator
{
    public sealed record Located(string? GoProj, string Directory);

    public static Located Locate(string? project)
    {
        var path = Path.GetFullPath(string.IsNullOrEmpty(project) ? "." : project);
        if (File.Exists(path))
        {
            return path.EndsWith(".mod", StringComparison.OrdinalIgnoreCase)
                ? new Located(null, Path.GetDirectoryName(path)!)
                : new Located(path, Path.GetDirectoryName(path)!);
        }
        if (Directory.Exists(path))
        {
            var projects = Directory.GetFiles(path, "*.goproj");
            if (projects.Length > 1)
            {
                throw new UsageException($"--project '{path}' holds several .goproj files; name one.");
            }
            return new Located(projects.Length == 1 ? projects[0] : null, path);
        }
        throw new UsageException($"--project '{path}': no such file or folder.");
    }
}
