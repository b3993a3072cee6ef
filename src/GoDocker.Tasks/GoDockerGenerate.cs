using System.Reflection;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.Dockerfiles;
using GoDocker.Core.Downloads;
using Microsoft.Build.Framework;

namespace GoDocker.Tasks;

/// <summary>
/// Checks the settings and go.mod, writes the Dockerfile, its .dockerignore and the inputs hash. Files are rewritten
/// only when their content changes, so their timestamps drive the incremental verify and download targets.
/// </summary>
public sealed class GoDockerGenerate : GoProjectTask
{
    [Required]
    public string DockerfilePath { get; set; } = "";

    [Required]
    public string InputsHashFile { get; set; } = "";

    /// <summary>Settings outside the Dockerfile that still change the download: where it runs, the build gateway's view.</summary>
    public string ExtraInputs { get; set; } = "";

    /// <summary>Where to write the download stage as the settings define it, for GoDockerDownload (<see cref="PreparedDownload"/>).</summary>
    public string PreparedDownloadFile { get; set; } = "";

    protected override async System.Threading.Tasks.Task ExecuteAsync(IOperationLog log, CancellationToken cancellationToken)
    {
        var (settings, diagnostics) = ReadSettings();
        foreach (var d in diagnostics)
        {
            log.Report(d);
        }
        if (diagnostics.Any(d => d.IsError))
        {
            return;
        }

        var generated = await DockerfileGeneration.WriteAsync(settings, DockerfilePath, cancellationToken, GeneratorVersion).ConfigureAwait(false);
        foreach (var d in generated.Diagnostics)
        {
            log.Report(d);
        }
        if (generated.Dockerfile is null)
        {
            return;
        }
        var command = DockerBuildCommand.ForDownloadStage(settings, DockerfilePath);
        var hash = InputsHash.Compute(generated.Dockerfile + "\0" + generated.Dockerignore, [.. command.Arguments, ExtraInputs], settings.CaCertificates);
        GeneratedFile.WriteIfChanged(InputsHashFile, hash + "\n");
        if (PreparedDownloadFile.Length > 0)
        {
            PreparedDownload.For(DownloadRequest.For(settings, DockerfilePath)).Write(PreparedDownloadFile);
        }
        log.Detail($"Dockerfile: {DockerfilePath}");
        log.Detail($"Download stage: {command}");
    }

    private static string GeneratorVersion { get; } =
        typeof(GoDockerGenerate).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
