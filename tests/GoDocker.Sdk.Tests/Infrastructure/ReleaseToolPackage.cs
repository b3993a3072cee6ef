namespace GoDocker.Sdk.Tests.Infrastructure;

/// <summary>
/// GoDocker.Tool as a release: a stable version in the test feed, so `dotnet tool install GoDocker.Tool` picks it
/// without --version or --prerelease, exactly as docs/cli.md says (the other tests name their prerelease version).
/// It repacks the Release build that <see cref="SdkPackages"/> left behind, which takes seconds.
/// </summary>
public sealed class ReleaseToolPackage(SdkPackages packages) : IAsyncLifetime
{
    public const string Version = "0.1.0";

    public async ValueTask InitializeAsync()
    {
        var run = await CommandRun.ExecuteAsync("dotnet",
            ["pack", RepositoryPaths.Path("src/GoDocker.Cli/GoDocker.Cli.csproj"), "-c", "Release", "--no-build", "-o", packages.Feed,
                $"-p:PackageVersion={Version}", "-nologo", "-v:q"],
            RepositoryPaths.Root, timeout: TimeSpan.FromMinutes(5));
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet pack GoDocker.Tool {Version} failed: {run}");
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
