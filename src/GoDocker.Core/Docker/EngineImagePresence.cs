using CliWrap;
using CliWrap.Buffered;

namespace GoDocker.Core.Docker;

/// <summary>Whether the engine already holds an image under a name: such an image is never pulled.</summary>
public static class EngineImagePresence
{
    public static async Task<bool> ContainsAsync(string dockerPath, string image, CancellationToken cancellationToken)
    {
        try
        {
            var inspect = await Cli.Wrap(dockerPath).WithArguments(["image", "inspect", "--format", "{{.Id}}", image])
                .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(cancellationToken).ConfigureAwait(false);
            return inspect.ExitCode == 0;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return false; // no engine to ask: the registry decides whether the pull works
        }
    }

    /// <summary>Whether an engine answers the CLI at all (an image it lacks is then really pulled).</summary>
    public static async Task<bool> EngineAnswersAsync(string dockerPath, CancellationToken cancellationToken)
    {
        try
        {
            var version = await Cli.Wrap(dockerPath).WithArguments(["version", "--format", "{{.Server.Version}}"])
                .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(cancellationToken).ConfigureAwait(false);
            return version.ExitCode == 0;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return false;
        }
    }
}
