using CliWrap;
using CliWrap.Buffered;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Images;

/// <summary>Puts an image into the local Docker engine: the same archive publish writes to a file, piped to <c>docker load</c>.</summary>
public static class EngineImageLoader
{
    public static async Task LoadAsync(string dockerPath, ImageManifest image, IReadOnlyList<string> names, DateTimeOffset modified,
        SourceLocation? location, CancellationToken cancellationToken)
    {
        using var archive = new MemoryStream();
        ImageArchiveWriter.Write(archive, image, names, modified);
        archive.Position = 0;
        var load = await Cli.Wrap(dockerPath).WithArguments(["load"]).WithStandardInputPipe(PipeSource.FromStream(archive))
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(cancellationToken).ConfigureAwait(false);
        if (load.ExitCode != 0)
        {
            throw new DiagnosticException(DiagnosticCatalog.ImageLoadFailed.Create(location, names.FirstOrDefault() ?? image.Digest,
                (load.StandardError + " " + load.StandardOutput).Trim()));
        }
    }
}
