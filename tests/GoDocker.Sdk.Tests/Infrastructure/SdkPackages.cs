namespace GoDocker.Sdk.Tests.Infrastructure;

/// <summary>
/// Packs GoDocker.Sdk and GoDocker.Tool once per test run, with a unique prerelease version, into a feed of their
/// own; projects restore them into an isolated NUGET_PACKAGES, so no test ever sees a stale or global copy.
/// </summary>
public sealed class SdkPackages : IAsyncLifetime
{
    public string Version { get; } = $"0.1.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
    public string Root { get; } = Directory.CreateTempSubdirectory("godocker-sdk-tests-").FullName;
    public string Feed => Path.Combine(Root, "feed");
    public string PackagesFolder => Path.Combine(Root, "nuget-packages");

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(Feed);
        foreach (var project in new[] { "src/GoDocker.Sdk/GoDocker.Sdk.csproj", "src/GoDocker.Cli/GoDocker.Cli.csproj" })
        {
            var run = await CommandRun.ExecuteAsync("dotnet",
                ["pack", RepositoryPaths.Path(project), "-c", "Release", "-o", Feed, $"-p:Version={Version}", "-nologo", "-v:q", "-p:TreatWarningsAsErrors=false"],
                RepositoryPaths.Root, timeout: TimeSpan.FromMinutes(5));
            if (run.ExitCode != 0)
            {
                throw new InvalidOperationException($"dotnet pack {project} failed: {run}");
            }
        }
    }

    /// <summary>Environment for dotnet commands on test projects: the isolated package folder, no build servers.</summary>
    public IReadOnlyDictionary<string, string?> BuildEnvironment() => new Dictionary<string, string?>
    {
        ["NUGET_PACKAGES"] = PackagesFolder,
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["MSBUILDDISABLENODEREUSE"] = "1",
        ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
        // Terminal logger output is for people; tests read the classic canonical lines.
        ["MSBUILDTERMINALLOGGER"] = "off",
    };

    public ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Leftovers in /tmp are harmless; a locked file must not fail the run.
        }
        return ValueTask.CompletedTask;
    }
}
