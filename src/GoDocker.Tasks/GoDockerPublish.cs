using GoDocker.Core.Diagnostics;
using GoDocker.Core.Operations;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace GoDocker.Tasks;

/// <summary>
/// Publishes the project's image: the binary from the Dockerfile's binary stage, the image written by Core, then
/// loaded, pushed or archived. The digest is printed and returned as an item.
/// </summary>
public sealed class GoDockerPublish : GoProjectTask
{
    /// <summary>The project's Version: the default tag and the org.opencontainers.image.version label.</summary>
    public string Version { get; set; } = "";

    /// <summary>
    /// One item for the image: Include is registry/repository@digest when pushed, else the first repository:tag;
    /// metadata Digest (the manifest digest), ImageId (the config digest), Tags, Destination, ArchivePath.
    /// </summary>
    [Output]
    public ITaskItem[] PublishedImage { get; set; } = [];

    protected override async System.Threading.Tasks.Task ExecuteAsync(IOperationLog log, CancellationToken cancellationToken)
    {
        var project = LoadProject();
        if (project.HasErrors)
        {
            return; // GoDockerGenerate reported them.
        }
        var request = PublishRequest.FromEnvironment(Version.Length == 0 ? null : Version, ProxyGatewayAssembly);
        var result = await PublishOperation.RunAsync(project, request, log, cancellationToken).ConfigureAwait(false);
        foreach (var d in result.Diagnostics)
        {
            log.Report(d);
        }
        if (!result.Succeeded)
        {
            return;
        }
        var name = result.PushedReference.Length > 0 ? result.PushedReference : result.References.FirstOrDefault() ?? result.Digest;
        var item = new TaskItem(name);
        item.SetMetadata("Digest", result.Digest);
        item.SetMetadata("ImageId", result.ImageId);
        item.SetMetadata("Tags", string.Join(";", result.References));
        item.SetMetadata("Destination", result.Destination);
        item.SetMetadata("ArchivePath", result.ArchivePath);
        item.SetMetadata("PlatformDigests", string.Join(";", result.PlatformDigests.Select(p => $"{p.Platform}={p.Digest}")));
        PublishedImage = [item];
        var where = result.Destination switch
        {
            "registry" => "pushed",
            "archive" => "written to " + result.ArchivePath + " as",
            _ => $"loaded into {result.LoadedInto} as",
        };
        Log.LogMessage(MessageImportance.High, "{0}", $"GoDocker: image {where} {string.Join(", ", result.References)}; digest {result.Digest}");
        foreach (var platform in result.PlatformDigests)
        {
            Log.LogMessage(MessageImportance.High, "{0}", $"GoDocker:   {platform.Platform} {platform.Digest}");
        }
    }
}
