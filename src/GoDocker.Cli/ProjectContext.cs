using GoDocker.Core.Diagnostics;
using GoDocker.Core.Projects;

namespace GoDocker.Cli;

/// <summary>The settings a command works on: from a .goproj when there is one, else from the environment.</summary>
internal sealed record ProjectContext(GoProjectSettings Settings, IReadOnlyList<Diagnostic> SettingsDiagnostics, string DockerfilePath)
{
    public static async Task<ProjectContext> LoadAsync(string? project, CancellationToken cancellationToken)
    {
        var located = ProjectLocator.Locate(project);
        if (located.GoProj is { } goproj)
        {
            var (settings, diagnostics, dockerfile) = await GoProjectEvaluator.EvaluateAsync(goproj, cancellationToken).ConfigureAwait(false);
            return new ProjectContext(settings, diagnostics, dockerfile);
        }
        var (envSettings, envDiagnostics) = EnvironmentProjectSettings.Read(located.Directory, Environment.GetEnvironmentVariable);
        return new ProjectContext(envSettings, envDiagnostics, Path.Combine(located.Directory, "obj", "godocker", "Dockerfile"));
    }
}
