namespace GoDocker.Sdk.Targets.Tests.Infrastructure;

/// <summary>
/// A .goproj that builds without Docker, go or a network: the download and preflight are off, so the build only
/// checks go.mod and writes the Dockerfile, with the tasks this checkout built.
/// </summary>
public static class BuildableGoProject
{
    public static GoProjectCreator Create() => new GoProjectCreator().GoModule()
        .Property("GoDownload", "Off")
        .Property("GoVerify", "false")
        .Property("GoDockerTasksAssembly", FreshTasksAssembly.Path);

    /// <summary>Restores and builds as `dotnet build` does, failing the test with the log's problems if either fails.</summary>
    public static BuildEventRecorder RestoreAndBuild(this GoProjectCreator creator)
    {
        var restore = InProcessBuild.Restore(creator.Save());
        Assert.True(restore.Succeeded, "restore failed:\n" + restore.Problems());
        return creator.Build("Build");
    }

    /// <summary>Runs <paramref name="targets"/> of the saved project, failing the test with the log's problems if it fails.</summary>
    public static BuildEventRecorder Build(this GoProjectCreator creator, params string[] targets)
    {
        var build = InProcessBuild.Build(creator.ProjectPath, null, targets);
        Assert.True(build.Succeeded, string.Join(',', targets) + " failed:\n" + build.Problems());
        return build;
    }
}
