using GoDocker.Core.Dockerfiles;

namespace GoDocker.Core.Compilation;

/// <summary>
/// Maps a path the go command printed inside the build stage back to the file on the host: the context is copied to
/// <see cref="DockerfileInputs.SourceRoot"/>, and go prints paths relative to its working folder (the module folder)
/// or, outside it, absolute under the source root.
/// </summary>
public sealed class GoSourceMap(string contextDirectory, string moduleDirectory)
{
    /// <summary>The host file for a path go printed, or null when it lies outside the copied context (GOROOT, the module cache).</summary>
    public string? ToHost(string containerPath)
    {
        var path = containerPath.Replace('\\', '/');
        string relative;
        if (path.StartsWith(DockerfileInputs.SourceRoot + "/", StringComparison.Ordinal))
        {
            relative = path[(DockerfileInputs.SourceRoot.Length + 1)..];
        }
        else if (path.StartsWith('/'))
        {
            return null;
        }
        else
        {
            relative = moduleDirectory == "." ? path : moduleDirectory + "/" + path;
        }
        var full = Path.GetFullPath(Path.Combine(contextDirectory, relative.Replace('/', Path.DirectorySeparatorChar)));
        return Projects.ContextPath.IsInside(contextDirectory, full) ? full : null;
    }
}
