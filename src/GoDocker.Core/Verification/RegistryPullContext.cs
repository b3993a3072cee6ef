using System.Text.Json;
using CliWrap;
using CliWrap.Buffered;
using GoDocker.Core.Images;

namespace GoDocker.Core.Verification;

/// <summary>
/// What, besides the image reference, decides where and how the engine pulls: the engine's Docker Hub mirrors
/// (<c>registry-mirrors</c>) and the docker client's login for the registry. Both are read only when an image must
/// really be pulled, so an engine that holds every image costs nothing.
/// </summary>
public sealed record RegistryPullContext
{
    /// <summary>The engine's Docker Hub mirrors, in the order it tries them (it falls back to Docker Hub).</summary>
    public Func<CancellationToken, Task<IReadOnlyList<Uri>>> HubMirrors { get; init; } = _ => Task.FromResult<IReadOnlyList<Uri>>([]);

    /// <summary>The client's credentials for a registry (as docker config keys name it), or null.</summary>
    public Func<string, CancellationToken, Task<RegistryCredentials?>> Credentials { get; init; } = (_, _) => Task.FromResult<RegistryCredentials?>(null);

    /// <summary>Where <see cref="Credentials"/> come from, for messages.</summary>
    public string CredentialsSource { get; init; } = "the Docker config";

    /// <summary>What was probed (or why not), for the build log.</summary>
    public Action<string> Progress { get; init; } = _ => { };

    public static RegistryPullContext None { get; } = new();

    /// <summary>The context of <paramref name="dockerPath"/>'s engine and this process's Docker config.</summary>
    public static RegistryPullContext For(string? dockerPath, Action<string>? progress, Func<string, string?>? getEnv = null)
    {
        var config = new DockerConfigCredentials(getEnv);
        IReadOnlyList<Uri>? mirrors = null;
        return new RegistryPullContext
        {
            HubMirrors = async ct => mirrors ??= dockerPath is null ? [] : await ReadMirrorsAsync(dockerPath, ct).ConfigureAwait(false),
            Credentials = config.FindAsync,
            CredentialsSource = config.ConfigPath,
            Progress = progress ?? (_ => { }),
        };
    }

    /// <summary><c>docker info</c>'s RegistryConfig.Mirrors; none when the engine does not say.</summary>
    public static async Task<IReadOnlyList<Uri>> ReadMirrorsAsync(string dockerPath, CancellationToken cancellationToken)
    {
        try
        {
            var info = await Cli.Wrap(dockerPath).WithArguments(["info", "--format", "{{json .RegistryConfig.Mirrors}}"])
                .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(cancellationToken).ConfigureAwait(false);
            return info.ExitCode == 0 ? ParseMirrors(info.StandardOutput) : [];
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return []; // no engine to ask: the pull (and its diagnostic) will say
        }
    }

    /// <summary>The mirrors of <c>{{json .RegistryConfig.Mirrors}}</c> (a JSON array of URLs, or null).</summary>
    public static IReadOnlyList<Uri> ParseMirrors(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind != JsonValueKind.Array ? []
                : [.. document.RootElement.EnumerateArray()
                    .Select(e => e.ValueKind == JsonValueKind.String && Uri.TryCreate(e.GetString(), UriKind.Absolute, out var url) ? url : null)
                    .OfType<Uri>()];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
