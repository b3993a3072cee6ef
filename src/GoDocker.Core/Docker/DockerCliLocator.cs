using CliWrap;
using CliWrap.Buffered;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Docker;

/// <summary>
/// Finds a docker CLI that can run BuildKit builds. A CLI from 23.0 on needs the buildx plugin for that (without it,
/// DOCKER_BUILDKIT=1 fails); an older CLI has BuildKit built in. PATH is searched in order, so the first capable
/// CLI wins, and GODOCKER_DOCKER_CLI names one explicitly.
/// </summary>
public sealed class DockerCliLocator
{
    private static readonly Version FirstCliWithoutBuiltInBuildKit = new(23, 0);
    private readonly Func<string, string?> _getEnv;

    public DockerCliLocator(Func<string, string?>? getEnv = null) => _getEnv = getEnv ?? Environment.GetEnvironmentVariable;

    /// <param name="cacheFile">
    /// Where to remember the answer (the project's obj/godocker folder): asking each CLI costs two process starts,
    /// several times the cost of a cached docker build. The answer is reused while the candidate CLIs and buildx
    /// plugins on disk are unchanged.
    /// </param>
    public async Task<DockerCli> LocateAsync(CancellationToken cancellationToken, string? cacheFile = null)
    {
        var candidates = Candidates().ToList();
        var key = CacheKey(candidates);
        if (cacheFile is not null && ReadCache(cacheFile, key) is { } cached)
        {
            return cached;
        }
        var rejected = new List<string>();
        foreach (var candidate in candidates)
        {
            var cli = await InspectAsync(candidate, rejected, cancellationToken).ConfigureAwait(false);
            if (cli is not null)
            {
                if (cacheFile is not null)
                {
                    WriteCache(cacheFile, key, cli);
                }
                return cli;
            }
        }
        // The CLI refuses every command, `docker version` too, while DOCKER_HOST, the context or the TLS files are wrong.
        if (rejected.Count > 0 && DockerEndpoint.FromEnvironment(_getEnv).Problem is { } endpointProblem)
        {
            throw new DiagnosticException(endpointProblem);
        }
        var reason = rejected.Count == 0 ? "no 'docker' on PATH" : string.Join("; ", rejected);
        throw new DiagnosticException(DiagnosticCatalog.BuildKitUnavailable.Create(reason));
    }

    private string CacheKey(IEnumerable<string> candidates)
    {
        var home = _getEnv("HOME") ?? "";
        var config = _getEnv("DOCKER_CONFIG") is { Length: > 0 } dockerConfig ? dockerConfig : Path.Combine(home, ".docker");
        var plugins = new[]
        {
            Path.Combine(config, "cli-plugins", "docker-buildx"),
            "/usr/local/lib/docker/cli-plugins/docker-buildx",
            "/usr/local/libexec/docker/cli-plugins/docker-buildx",
            "/usr/lib/docker/cli-plugins/docker-buildx",
            "/usr/libexec/docker/cli-plugins/docker-buildx",
        };
        return string.Join(";", candidates.Concat(plugins).Select(path =>
        {
            var file = new FileInfo(path);
            return file.Exists ? $"{path}|{file.Length}|{file.LastWriteTimeUtc.Ticks}" : path + "|-";
        }));
    }

    private static DockerCli? ReadCache(string cacheFile, string key)
    {
        try
        {
            var lines = File.Exists(cacheFile) ? File.ReadAllLines(cacheFile) : [];
            return lines.Length == 4 && lines[0] == key && File.Exists(lines[1])
                ? new DockerCli(lines[1], lines[2], UsesBuildx: lines[3] == "buildx")
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
            File.WriteAllLines(cacheFile, [key, cli.Path, cli.ClientVersion, cli.UsesBuildx ? "buildx" : "built-in"]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A cache that cannot be written only costs the next build the same lookup again.
        }
    }

    private IEnumerable<string> Candidates()
    {
        var explicitCli = _getEnv("GODOCKER_DOCKER_CLI");
        if (!string.IsNullOrWhiteSpace(explicitCli))
        {
            yield return explicitCli;
            yield break;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var name = OperatingSystem.IsWindows() ? "docker.exe" : "docker";
        foreach (var dir in (_getEnv("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var path = Path.Combine(dir, name);
            if (File.Exists(path) && seen.Add(Path.GetFullPath(path)))
            {
                yield return path;
            }
        }
    }

    private static async Task<DockerCli?> InspectAsync(string path, List<string> rejected, CancellationToken cancellationToken)
    {
        var version = await RunAsync(path, ["version", "--format", "{{.Client.Version}}"], cancellationToken).ConfigureAwait(false);
        if (version is null)
        {
            rejected.Add($"{path} does not run");
            return null;
        }
        var buildx = await RunAsync(path, ["buildx", "version"], cancellationToken).ConfigureAwait(false);
        if (buildx is not null)
        {
            return new DockerCli(path, version, UsesBuildx: true);
        }
        if (TryParseVersion(version, out var v) && v < FirstCliWithoutBuiltInBuildKit)
        {
            return new DockerCli(path, version, UsesBuildx: false);
        }
        rejected.Add($"{path} {version} has no buildx plugin");
        return null;
    }

    private static async Task<string?> RunAsync(string path, string[] args, CancellationToken cancellationToken)
    {
        try
        {
            var result = await Cli.Wrap(path).WithArguments(args).WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync(cancellationToken).ConfigureAwait(false);
            // `docker version` exits 1 when the daemon is down but still prints the client version.
            var text = result.StandardOutput.Trim();
            return result.ExitCode == 0 || (args[0] == "version" && text.Length > 0) ? text.Split('\n')[0].Trim() : null;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            return null;
        }
    }

    internal static bool TryParseVersion(string text, out Version version)
    {
        var core = new string(text.TakeWhile(c => char.IsDigit(c) || c == '.').ToArray());
        return Version.TryParse(core.Count(c => c == '.') == 0 ? core + ".0" : core, out version!);
    }
}
