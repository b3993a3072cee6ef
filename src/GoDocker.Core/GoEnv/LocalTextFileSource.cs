namespace GoDocker.Core.GoEnv;

/// <summary>Reads files from the local file system; unreadable files count as absent, as in cmd/go.</summary>
public sealed class LocalTextFileSource : ITextFileSource
{
    public static LocalTextFileSource Instance { get; } = new();

    public string? TryReadAllText(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
