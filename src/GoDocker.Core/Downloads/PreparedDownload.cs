using System.Collections.Immutable;
using System.Text;
using GoDocker.Core.Projects;

namespace GoDocker.Core.Downloads;

/// <summary>
/// What the download stage runs, as the generate step worked it out from checked settings: where it runs, and the
/// docker build's folder and arguments. The build writes it beside the Dockerfile, so a build that only needs to
/// run the stage again (nothing changed, or only its stamp removed) starts docker without reading and checking
/// every setting a second time; the settings are read only when the stage fails and its output needs explaining.
/// </summary>
public sealed record PreparedDownload(GoDownloadMode Mode, string DockerfilePath, string ContextDirectory, string BaseImage, ImmutableArray<string> BuildArguments)
{
    private const string Header = "# GoDocker.Sdk prepared download stage, format 1. Written by the build; do not edit.";

    public static PreparedDownload For(DownloadRequest request) => new(
        request.Settings.Download, request.Command.DockerfilePath, request.Settings.DockerContext, request.Settings.BaseImage, request.Command.BuildArguments);

    /// <summary>Writes <paramref name="path"/> (only when its content changes), or deletes it when a value cannot be written on one line.</summary>
    public void Write(string path)
    {
        var values = new[] { DockerfilePath, ContextDirectory, BaseImage }.Concat(BuildArguments);
        if (values.Any(v => v.Contains('\n') || v.Contains('\r')))
        {
            // Never the case for checked settings; without the file the next download reads the settings instead.
            File.Delete(path);
            return;
        }
        var text = new StringBuilder().Append(Header).Append('\n')
            .Append("mode=").Append(Mode).Append('\n')
            .Append("dockerfile=").Append(DockerfilePath).Append('\n')
            .Append("context=").Append(ContextDirectory).Append('\n')
            .Append("image=").Append(BaseImage).Append('\n');
        foreach (var argument in BuildArguments)
        {
            text.Append("arg=").Append(argument).Append('\n');
        }
        GeneratedFile.WriteIfChanged(path, text.ToString());
    }

    /// <summary>
    /// The stage written to <paramref name="path"/> for <paramref name="dockerfilePath"/>, or null when there is none
    /// (an older SDK's build, a cleaned folder) or it is for another Dockerfile or not in this format.
    /// </summary>
    public static PreparedDownload? TryRead(string path, string dockerfilePath)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        if (lines.Length < 5 || lines[0] != Header
            || Value(lines[1], "mode") is not { } modeText || !Enum.TryParse<GoDownloadMode>(modeText, out var mode)
            || Value(lines[2], "dockerfile") is not { } dockerfile || dockerfile != dockerfilePath
            || Value(lines[3], "context") is not { } context
            || Value(lines[4], "image") is not { } image)
        {
            return null;
        }
        var arguments = ImmutableArray.CreateBuilder<string>(lines.Length - 5);
        foreach (var line in lines.AsSpan(5))
        {
            if (Value(line, "arg") is not { } argument)
            {
                return null;
            }
            arguments.Add(argument);
        }
        return new PreparedDownload(mode, dockerfile, context, image, arguments.ToImmutable());
    }

    private static string? Value(string line, string key) =>
        line.Length > key.Length && line[key.Length] == '=' && line.StartsWith(key, StringComparison.Ordinal) ? line[(key.Length + 1)..] : null;
}
