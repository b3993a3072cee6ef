using GoDocker.Core.Diagnostics;
using GoDocker.Core.Dockerfiles;
using GoDocker.Core.GoEnv;
using GoDocker.Core.GoMod;
using GoDocker.Core.GoSum;
using GoDocker.Core.Downloads;
using GoDocker.Core.Files;
using GoDocker.Core.Projects;

namespace GoDocker.Core.Operations;

/// <summary>
/// Generate, as `dotnet build` (GoDockerGenerate) and `godocker dockerfile` both run it: the Dockerfile and its
/// .dockerignore at the project's GoDockerfilePath, and beside them the inputs hash that tells the incremental targets
/// the download must run again. Each file is rewritten only when its bytes change, so its timestamp means "changed".
/// </summary>
public static class GenerateOperation
{
    public static async Task<GeneratedDockerfile> RunAsync(GoProject project, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        if (project.HasErrors)
        {
            return new GeneratedDockerfile(null, null, null, []);
        }
        var settings = project.Settings;
        var generated = await DockerfileGeneration.WriteAsync(settings, settings.DockerfilePath, cancellationToken).ConfigureAwait(false);
        if (generated.Dockerfile is not null)
        {
            generated = generated with { Diagnostics = [.. generated.Diagnostics, .. PrivateModuleWarnings(settings)] };
            var command = DockerBuildCommand.ForDownloadStage(settings, settings.DockerfilePath);
            // Not part of the Dockerfile, but they change the download: where it runs and the build gateway's view.
            var outside = $"{settings.Download}|{settings.Gateway}";
            var hash = InputsHash.Compute(generated.Dockerfile + "\0" + generated.Dockerignore, [.. command.Arguments, outside], settings.CaCertificates);
            GeneratedFile.WriteIfChanged(ProjectLayout.InputsHashFile(settings.DockerfilePath), hash + "\n");
        }
        return generated;
    }

    /// <summary>GD1012 for required modules that look private but would be checked against the public checksum database.</summary>
    private static IReadOnlyList<Diagnostic> PrivateModuleWarnings(GoProjectSettings settings)
    {
        try
        {
            var goMod = GoModFile.ParseLax(settings.GoModFile, File.ReadAllText(settings.GoModFile));
            var goSumPath = Path.Combine(Path.GetDirectoryName(settings.GoModFile)!, "go.sum");
            var goSum = File.Exists(goSumPath) ? GoSumFile.ParseLenient(goSumPath, File.ReadAllText(goSumPath)) : null;
            return PrivateModuleCoverage.Check(settings.Environment, goMod, settings.GoModFile, goSum);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ModParseException)
        {
            return []; // the Dockerfile step already reported an unreadable go.mod
        }
    }
}
