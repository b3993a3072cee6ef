using System.Text;
using System.Text.Json;
using CliWrap;
using CliWrap.Buffered;

namespace GoDocker.Core.Images;

/// <summary>
/// Registry credentials as the docker CLI keeps them: <c>$DOCKER_CONFIG/config.json</c> (else <c>~/.docker/config.json</c>),
/// its <c>credHelpers</c> entry for the host, else its <c>credsStore</c>, else the base64 <c>auths</c> entry, where
/// <c>docker login</c> writes. Helpers are run as <c>docker-credential-NAME get</c>, with the host on standard input.
/// Never from a project property, so no credential is written in a project file or a build log.
/// </summary>
public sealed class DockerConfigCredentials
{
    private readonly Func<string, string?> _getEnv;

    public DockerConfigCredentials(Func<string, string?>? getEnv = null) => _getEnv = getEnv ?? Environment.GetEnvironmentVariable;

    /// <summary>The config file the docker CLI reads.</summary>
    public string ConfigPath
    {
        get
        {
            var folder = _getEnv("DOCKER_CONFIG");
            if (string.IsNullOrEmpty(folder))
            {
                var home = _getEnv("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
                folder = Path.Combine(home, ".docker");
            }
            return Path.Combine(folder, "config.json");
        }
    }

    /// <summary>The credentials for a registry host (with port), or null when the config has none for it.</summary>
    public async Task<RegistryCredentials?> FindAsync(string registry, CancellationToken cancellationToken)
    {
        var path = ConfigPath;
        if (!File.Exists(path))
        {
            return null;
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            if (Lookup(root, "credHelpers", registry) is { ValueKind: JsonValueKind.String } helper && helper.GetString() is { Length: > 0 } helperName)
            {
                return await FromHelperAsync(helperName, registry, cancellationToken).ConfigureAwait(false);
            }
            if (Lookup(root, "auths", registry) is { ValueKind: JsonValueKind.Object } auth
                && auth.TryGetProperty("auth", out var encoded) && encoded.GetString() is { Length: > 0 } text)
            {
                try
                {
                    var pair = Encoding.UTF8.GetString(Convert.FromBase64String(text));
                    var colon = pair.IndexOf(':');
                    if (colon > 0)
                    {
                        return new RegistryCredentials(pair[..colon], pair[(colon + 1)..], path);
                    }
                }
                catch (FormatException)
                {
                    return null;
                }
            }
            if (root.TryGetProperty("credsStore", out var store) && store.GetString() is { Length: > 0 } storeName)
            {
                return await FromHelperAsync(storeName, registry, cancellationToken).ConfigureAwait(false);
            }
        }
        return null;
    }

    /// <summary>An entry by host, also under the URL forms older docker logins wrote (https://host, https://host/v1/).</summary>
    private static JsonElement? Lookup(JsonElement root, string section, string registry)
    {
        if (!root.TryGetProperty(section, out var entries) || entries.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        foreach (var entry in entries.EnumerateObject())
        {
            var key = entry.Name;
            var host = key.Contains("://", StringComparison.Ordinal) ? key[(key.IndexOf("://", StringComparison.Ordinal) + 3)..] : key;
            host = host.TrimEnd('/');
            if (host.EndsWith("/v1", StringComparison.Ordinal) || host.EndsWith("/v2", StringComparison.Ordinal))
            {
                host = host[..^3];
            }
            if (string.Equals(host, registry, StringComparison.OrdinalIgnoreCase))
            {
                return entry.Value;
            }
        }
        return null;
    }

    /// <summary>The helper as the docker CLI finds it: <c>docker-credential-NAME</c> on PATH.</summary>
    private string? FindHelper(string program)
    {
        if (program.IndexOfAny(['/', '\\']) >= 0)
        {
            return null; // a helper name is a name, never a path
        }
        foreach (var folder in (_getEnv("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var candidate in OperatingSystem.IsWindows() ? [program + ".exe", program + ".cmd", program] : new[] { program })
            {
                var path = Path.Combine(folder, candidate);
                if (File.Exists(path))
                {
                    return path;
                }
            }
        }
        return null;
    }

    private async Task<RegistryCredentials?> FromHelperAsync(string helper, string registry, CancellationToken cancellationToken)
    {
        var program = "docker-credential-" + helper;
        if (FindHelper(program) is not { } path)
        {
            return null;
        }
        try
        {
            var result = await Cli.Wrap(path).WithArguments(["get"]).WithStandardInputPipe(PipeSource.FromString(registry))
                .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(cancellationToken).ConfigureAwait(false);
            if (result.ExitCode != 0)
            {
                return null; // "credentials not found in native keychain": none for this host
            }
            using var answer = JsonDocument.Parse(result.StandardOutput);
            var user = answer.RootElement.TryGetProperty("Username", out var u) ? u.GetString() : null;
            var secret = answer.RootElement.TryGetProperty("Secret", out var s) ? s.GetString() : null;
            return string.IsNullOrEmpty(secret) ? null : new RegistryCredentials(user ?? "", secret, program);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or JsonException)
        {
            return null;
        }
    }
}
