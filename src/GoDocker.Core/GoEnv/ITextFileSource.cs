namespace GoDocker.Core.GoEnv;

/// <summary>Reads the go env files; injected so tests control them.</summary>
public interface ITextFileSource
{
    /// <summary>The file's text, or null when it cannot be read (the go command then ignores it).</summary>
    string? TryReadAllText(string path);
}
