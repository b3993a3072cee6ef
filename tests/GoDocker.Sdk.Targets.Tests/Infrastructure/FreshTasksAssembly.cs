using System.Reflection;
using GoDocker.Sdk.Tests.Infrastructure;

namespace GoDocker.Sdk.Targets.Tests.Infrastructure;

/// <summary>The GoDocker.Tasks assembly this checkout built before the tests (see the project file), for GoDockerTasksAssembly.</summary>
public static class FreshTasksAssembly
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        var relative = typeof(FreshTasksAssembly).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "GoDockerTasksAssembly").Value!;
        var path = RepositoryPaths.Path(relative.Split('/'));
        return File.Exists(path) ? path : throw new InvalidOperationException("the tasks assembly was not built: " + path);
    }
}
