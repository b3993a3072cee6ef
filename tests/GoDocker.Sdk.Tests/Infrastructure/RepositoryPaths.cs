namespace GoDocker.Sdk.Tests.Infrastructure;

/// <summary>Finds the repository the tests were built from, to pack its projects.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "GoDocker.Sdk.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("GoDocker.Sdk.sln not found above " + AppContext.BaseDirectory);
    }
}
