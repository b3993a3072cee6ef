namespace GoDocker.Sdk.Tests.Infrastructure;

/// <summary>One empty project folder with the packed tool installed as a local tool, shared by a test class whose
/// tests only run commands in it.</summary>
public sealed class InstalledTool(SdkPackages packages) : IAsyncLifetime
{
    public TestGoProject Project { get; } = new(packages);

    /// <summary>Environment for commands run in <see cref="Project"/> other than through dotnet itself (shell pipelines).</summary>
    public IReadOnlyDictionary<string, string?> Environment => packages.BuildEnvironment();

    public async ValueTask InitializeAsync() => await Project.InstallToolAsync();

    public ValueTask DisposeAsync()
    {
        Project.Dispose();
        return ValueTask.CompletedTask;
    }
}
