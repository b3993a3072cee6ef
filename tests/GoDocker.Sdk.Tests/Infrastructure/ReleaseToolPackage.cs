namespace GoDocker.Sdk.Tests.Infrastructure;

/// <summary>
/// GoDocker.Tool as a release: a stable version alone in a feed of its own, so `dotnet tool install GoDocker.Tool`
/// finds it without --version or --prerelease, exactly as docs/cli.md says. It repacks the Release build that
/// <see cref="SdkPackages"/> (an assembly fixture, so always built first) left behind, which takes seconds.
/// </summary>
public sealed class ReleaseToolPackage : IAsyncLifetime
{
    public const string Version = "0.1.0";

    public string Root { get; } = Directory.CreateTempSubdirectory("godocker-release-tool-").FullName;
    public string Feed => Path.Combine(Root, "feed");

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(Feed);
        var run = await CommandRun.ExecuteAsync("dotnet",
            ["pack", RepositoryPaths.Path("src/GoDocker.Cli/GoDocker.Cli.csproj"), "-c", "Release", "--no-build", "-o", Feed,
                $"-p:PackageVersion={Version}", "-nologo", "-v:q"],
            RepositoryPaths.Root, timeout: TimeSpan.FromMinutes(5));
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet pack GoDocker.Tool {Version} failed: {run}");
        }
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Leftovers in /tmp are harmless.
        }
        return ValueTask.CompletedTask;
    }
}
