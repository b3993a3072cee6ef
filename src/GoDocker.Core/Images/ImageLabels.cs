using CliWrap;
using CliWrap.Buffered;

namespace GoDocker.Core.Images;

/// <summary>
/// The OCI annotation labels publish sets: source (the git remote, without credentials), revision (the commit),
/// version (the project's Version) and created (only from SOURCE_DATE_EPOCH, so an image is reproducible by default).
/// A project outside git simply has no source or revision.
/// </summary>
public static class ImageLabels
{
    public const string Source = "org.opencontainers.image.source";
    public const string Revision = "org.opencontainers.image.revision";
    public const string Version = "org.opencontainers.image.version";
    public const string Created = "org.opencontainers.image.created";

    public static async Task<SortedDictionary<string, string>> ComputeAsync(string projectDirectory, string? version, DateTimeOffset? created, CancellationToken cancellationToken)
    {
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (await GitAsync(projectDirectory, ["rev-parse", "HEAD"], cancellationToken).ConfigureAwait(false) is { Length: 40 } revision)
        {
            labels[Revision] = revision;
            if (await GitAsync(projectDirectory, ["remote", "get-url", "origin"], cancellationToken).ConfigureAwait(false) is { Length: > 0 } remote)
            {
                labels[Source] = WithoutCredentials(remote);
            }
        }
        if (!string.IsNullOrEmpty(version))
        {
            labels[Version] = version;
        }
        if (created is { } time)
        {
            labels[Created] = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        }
        return labels;
    }

    /// <summary>https://user:token@host/x becomes https://host/x: a label is readable by anyone who pulls.</summary>
    public static string WithoutCredentials(string url)
    {
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0 && uri.Scheme is "http" or "https")
        {
            return new UriBuilder(uri) { UserName = "", Password = "" }.Uri.ToString().TrimEnd('/');
        }
        return url;
    }

    private static async Task<string?> GitAsync(string directory, string[] arguments, CancellationToken cancellationToken)
    {
        try
        {
            var result = await Cli.Wrap("git").WithArguments(arguments).WithWorkingDirectory(directory)
                .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(cancellationToken).ConfigureAwait(false);
            return result.ExitCode == 0 ? result.StandardOutput.Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no git on PATH
        }
    }
}
