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

    /// <summary>The project and its Version (the default tag and version label), for publish.</summary>
    public static async Task<(GoProject Project, string? Version)> LoadForPublishAsync(string? project, CancellationToken cancellationToken)
    {
        var located = ProjectLocator.Locate(project);
        if (located.GoProj is { } goproj)
        {
            var (evaluated, extra) = await GoProjectEvaluator.EvaluateAsync(goproj, ["Version"], cancellationToken).ConfigureAwait(false);
            return (evaluated, extra.TryGetValue("Version", out var version) && version.Length > 0 ? version : null);
        }
        return (await LoadAsync(project, cancellationToken).ConfigureAwait(false), null);
    }

    /// <summary>The gateway this tool ships beside itself, run when a project sets GoDockerStartProxy.</summary>
    public static string GatewayAssembly => Path.Combine(AppContext.BaseDirectory, "GoDocker.ProxyGateway.dll");
}
