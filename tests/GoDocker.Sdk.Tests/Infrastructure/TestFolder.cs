namespace GoDocker.Sdk.Tests.Infrastructure;

/// <summary>A temporary folder outside every project (secret files, CA files, logs, image archives), deleted at the end.</summary>
public sealed class TestFolder(string prefix) : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory(prefix);

    public string Path(string name) => System.IO.Path.Combine(_directory.FullName, name);

    /// <summary>Writes <paramref name="content"/> to a file in the folder and returns its path.</summary>
    public string Write(string name, string content)
    {
        File.WriteAllText(Path(name), content);
        return Path(name);
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
