using GoDocker.Core.Diagnostics;
using GoDocker.Core.Dockerfiles;
using GoDocker.Core.Downloads;
using Microsoft.Build.Framework;

namespace GoDocker.Tasks;

/// <summary>
/// Checks the settings and writes the Dockerfile and the inputs hash. Files are rewritten only when their content
/// changes, so their timestamps drive the incremental download target.
/// </summary>
public sealed class GoDockerGenerate : GoProjectTask
{
    [Required]
    public string DockerfilePath { get; set; } = "";

    [Required]
    public string InputsHashFile { get; set; } = "";

    [Output]
    public string GoModFile { get; set; } = "";

    [Output]
    public string GoSumFile { get; set; } = "";

    protected override System.Threading.Tasks.Task ExecuteAsync(IOperationLog log, CancellationToken cancellationToken)
    {
        var (settings, diagnostics) = ReadSettings();
        foreach (var d in diagnostics)
        {
            log.Report(d);
        }
        GoModFile = settings.GoModFile;
        GoSumFile = Path.Combine(Path.GetDirectoryName(settings.GoModFile)!, "go.sum");
        if (diagnostics.Any(d => d.IsError))
        {
            return System.Threading.Tasks.Task.CompletedTask;
        }

        var dockerfile = DockerfileWriter.Write(settings, RelativeToContext(settings.DockerContext, settings.GoModFile), RelativeToContext(settings.DockerContext, GoSumFile));
        GeneratedFile.WriteIfChanged(DockerfilePath, dockerfile);
        var arguments = DepsStageBuildArguments.For(settings, DockerfilePath);
        GeneratedFile.WriteIfChanged(InputsHashFile, InputsHash.Compute(dockerfile, arguments, settings.CaCertificates) + "\n");
        log.Detail($"Dockerfile: {DockerfilePath}");
        return System.Threading.Tasks.Task.CompletedTask;
    }

    private static string RelativeToContext(string context, string file) =>
        Path.GetRelativePath(context, file).Replace('\\', '/');
}
