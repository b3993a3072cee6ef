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
}
