using CliWrap;
using CliWrap.Buffered;
using GoDocker.Core.Diagnostics;
using GoDocker.Core.Projects;

namespace GoDocker.Core.Docker;

/// <summary>
/// Pushes the deps stage image that carries an inline cache (GoDockerCacheTo=type=registry,ref=IMAGE on a docker CLI
/// without buildx), so the next runner's GoDockerCacheFrom=IMAGE finds the modules' layer.
/// </summary>
public static class InlineCacheImagePush
{
    /// <returns>Null when pushed, else GD5071 at GoDockerCacheTo with the CLI's own words and the fix.</returns>
    public static async Task<Diagnostic?> RunAsync(DockerCli cli, string image, SourceLocation? location, Action<string> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cli);
        ArgumentNullException.ThrowIfNull(progress);
        progress($"Pushing the layer cache {image} (GoDockerCacheTo).");
        var push = await Cli.Wrap(cli.Path).WithArguments(["push", "--quiet", image])
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(cancellationToken).ConfigureAwait(false);
        if (push.ExitCode == 0)
        {
            return null;
        }
        var said = (push.StandardError + " " + push.StandardOutput).Trim();
        var registry = ImageReference.TryParse(image, out var reference, out _) ? reference.Domain ?? "docker.io" : image;
        var fix = said.Contains("unauthorized", StringComparison.OrdinalIgnoreCase) || said.Contains("authentication required", StringComparison.OrdinalIgnoreCase)
            || said.Contains("denied", StringComparison.OrdinalIgnoreCase)
            ? $"Run 'docker login {registry}' as the user that builds, with an account that may push to it"
            : $"Check that {registry} is reachable from this machine and its engine (a registry without TLS must be in the daemon's insecure-registries), or set GoDockerCacheTo to a registry it can push to";
        return DiagnosticCatalog.LayerCachePushFailed.Create(location, image, said.Length > 0 ? said : $"exit code {push.ExitCode}", fix);
    }
}
