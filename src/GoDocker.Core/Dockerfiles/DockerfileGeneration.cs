using System.Collections.Immutable;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.Projects;

namespace GoDocker.Core.Dockerfiles;

/// <summary>The generated files for one project, or the diagnostics that stopped them.</summary>
public sealed record GeneratedDockerfile(
    string? Dockerfile,
    string? Dockerignore,
    DockerfileInputs? Inputs,
    ImmutableArray<Diagnostic> Diagnostics);

/// <summary>
/// The one call front ends make: read go.mod, plan (GD2xxx checks), stage the CA certificates and known_hosts into
/// the context, and write the Dockerfile and .dockerignore. The build command comes from
/// <see cref="DockerBuildCommand.For"/>.
/// </summary>
public static class DockerfileGeneration
{
    public static async Task<GeneratedDockerfile> GenerateAsync(GoProjectSettings settings, CancellationToken cancellationToken, string? generatorVersion = null)
    {
        var (inputs, diagnostics) = await DockerfilePlanner.PlanAsync(settings, cancellationToken, generatorVersion).ConfigureAwait(false);
        if (inputs is null)
        {
            return new GeneratedDockerfile(null, null, null, diagnostics);
        }
        await ContextFileStaging.StageAsync(inputs, settings.DockerContext, cancellationToken).ConfigureAwait(false);
        return new GeneratedDockerfile(
            DockerfileWriter.Write(inputs),
            DockerignoreWriter.Write(inputs, DockerignoreWriter.SecretFilesInContext(settings)),
            inputs,
            diagnostics);
    }

    /// <summary>
    /// Generates and writes the Dockerfile and, beside it, <c>&lt;Dockerfile&gt;.dockerignore</c> (which BuildKit reads
    /// instead of the context's own), each only when its bytes change, so timestamps mean "content changed".
    /// </summary>
    public static async Task<GeneratedDockerfile> WriteAsync(GoProjectSettings settings, string dockerfilePath, CancellationToken cancellationToken, string? generatorVersion = null)
    {
        var generated = await GenerateAsync(settings, cancellationToken, generatorVersion).ConfigureAwait(false);
        if (generated.Dockerfile is not null)
        {
            Files.GeneratedFile.WriteIfChanged(dockerfilePath, generated.Dockerfile);
            Files.GeneratedFile.WriteIfChanged(dockerfilePath + ".dockerignore", generated.Dockerignore ?? "");
        }
        return generated;
    }
}
