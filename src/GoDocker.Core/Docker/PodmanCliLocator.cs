using CliWrap;
using CliWrap.Buffered;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Docker;

/// <summary>
/// Finds the podman CLI: GODOCKER_PODMAN_CLI when set, else the first <c>podman</c> on PATH that reports its version.
/// Podman needs no daemon, so a CLI that runs is an engine that answers.
/// </summary>
public sealed class PodmanCliLocator
{
    private readonly Func<string, string?> _getEnv;

    public PodmanCliLocator(Func<string, string?>? getEnv = null) => _getEnv = getEnv ?? Environment.GetEnvironmentVariable;

    /// <summary>Whether any podman candidate is on disk: a file check, no process started.</summary>
    public bool IsInstalled => Candidates().Any();

    /// <param name="at">Where the project chose podman (the GoContainerEngine line), for GD5020.</param>
    /// <param name="cacheFile">Where to remember the answer while the podman binary on disk is unchanged.</param>
    public async Task<DockerCli> LocateAsync(SourceLocation? at, CancellationToken cancellationToken, string? cacheFile = null)
    {
        var candidates = Candidates().ToList();
        var key = string.Join(";", candidates.Select(path =>
        {
            var file = new FileInfo(path);
            return $"{path}|{file.Length}|{file.LastWriteTimeUtc.Ticks}";
        }));
        if (cacheFile is not null && ReadCache(cacheFile, key) is { } cached)
        {
            return cached;
        }
        var rejected = new List<string>();
        foreach (var candidate in candidates)
        {
            var version = await VersionAsync(candidate, cancellationToken).ConfigureAwait(false);
            if (version is null)
            {
                rejected.Add($"{candidate} does not run");
                continue;
            }
            var cli = new DockerCli(candidate, version, UsesBuildx: false, ContainerEngineKind.Podman);
            if (cacheFile is not null)
            {
                WriteCache(cacheFile, key, cli);
            }
            return cli;
        }
        var explicitCli = _getEnv("GODOCKER_PODMAN_CLI");
        var reason = rejected.Count > 0 ? string.Join("; ", rejected)
            : string.IsNullOrWhiteSpace(explicitCli) ? "no 'podman' on PATH" : $"GODOCKER_PODMAN_CLI names {explicitCli}, which does not exist";
        throw new DiagnosticException(DiagnosticCatalog.PodmanUnavailable.Create(at, reason));
    }

    private IEnumerable<string> Candidates()
    {
        var explicitCli = _getEnv("GODOCKER_PODMAN_CLI");
        if (!string.IsNullOrWhiteSpace(explicitCli))
        {
            if (File.Exists(explicitCli))
            {
                yield return explicitCli;
            }
            yield break;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var name = OperatingSystem.IsWindows() ? "podman.exe" : "podman";
        foreach (var dir in (_getEnv("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var path = Path.Combine(dir, name);
            if (File.Exists(path) && seen.Add(Path.GetFullPath(path)))
            {
                yield return path;
            }
        }
    }

    private static async Task<string?> VersionAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var result = await Cli.Wrap(path).WithArguments(["version", "--format", "{{.Client.Version}}"]).WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync(cancellationToken).ConfigureAwait(false);
            var text = result.StandardOutput.Trim();
            return result.ExitCode == 0 && text.Length > 0 ? text.Split('\n')[0].Trim() : null;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            return null;
        }
    }

    private static DockerCli? ReadCache(string cacheFile, string key)
    {
        try
        {
            var lines = File.Exists(cacheFile) ? File.ReadAllLines(cacheFile) : [];
            return lines.Length == 3 && lines[0] == key && File.Exists(lines[1])
                ? new DockerCli(lines[1], lines[2], UsesBuildx: false, ContainerEngineKind.Podman)
                : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static void WriteCache(string cacheFile, string key, DockerCli cli)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(cacheFile))!);
            File.WriteAllLines(cacheFile, [key, cli.Path, cli.ClientVersion]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A cache that cannot be written only costs the next build the same lookup again.
        }
    }
}
