using GoDocker.Core.Projects;

namespace GoDocker.Cli;

/// <summary>The project a command works on: a .goproj as MSBuild evaluates it, else a go.mod folder read from the environment.</summary>
internal static class ProjectContext
{
    public static async Task<GoProject> LoadAsync(string? project, CancellationToken cancellationToken)
    {
        var located = ProjectLocator.Locate(project);
        if (located.GoProj is { } goproj)
        {
            return await GoProjectEvaluator.EvaluateAsync(goproj, cancellationToken).ConfigureAwait(false);
        }
        var (settings, diagnostics) = EnvironmentProjectSettings.Read(located.Directory, Environment.GetEnvironmentVariable);
        return new GoProject(settings, diagnostics);
    }

    /// <summary>The gateway this tool ships beside itself, run when a project sets GoDockerStartProxy.</summary>
    public static string GatewayAssembly => Path.Combine(AppContext.BaseDirectory, "GoDocker.ProxyGateway.dll");
}
