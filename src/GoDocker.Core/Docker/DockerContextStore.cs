using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace GoDocker.Core.Docker;

/// <summary>
/// The docker CLI's configuration folder ($DOCKER_CONFIG, else ~/.docker): config.json's currentContext and the
/// context store, contexts/meta/&lt;sha256 of the name&gt;/meta.json with its TLS files under contexts/tls/&lt;sha256&gt;/docker.
/// </summary>
public sealed class DockerContextStore(string configDirectory)
{
    /// <summary>The context the CLI uses when neither DOCKER_HOST nor DOCKER_CONTEXT says: DOCKER_HOST or the socket.</summary>
    public const string DefaultContextName = "default";

    public string ConfigDirectory { get; } = configDirectory;

    public string ConfigFile => Path.Combine(ConfigDirectory, "config.json");

    /// <summary>config.json's currentContext, or null (no file, no value, or a file the CLI would ignore as unreadable).</summary>
    public string? CurrentContext()
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(ConfigFile));
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("currentContext", out var value)
                && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } name ? name : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <summary>The folder name the store keeps a context under: the hex SHA-256 of its name.</summary>
    public static string Digest(string contextName) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(contextName))).ToLowerInvariant();

    public string MetaFile(string contextName) => Path.Combine(ConfigDirectory, "contexts", "meta", Digest(contextName), "meta.json");

    public string TlsFolder(string contextName) => Path.Combine(ConfigDirectory, "contexts", "tls", Digest(contextName), "docker");

    /// <summary>The context's docker endpoint, or why it cannot be read (no such context, unreadable meta.json).</summary>
    public DockerContextEntry Read(string contextName)
    {
        var meta = MetaFile(contextName);
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(meta));
            if (!document.RootElement.TryGetProperty("Endpoints", out var endpoints) || endpoints.ValueKind != JsonValueKind.Object
                || !endpoints.TryGetProperty("docker", out var docker) || docker.ValueKind != JsonValueKind.Object)
            {
                return new DockerContextEntry(null, false, null, $"{meta} has no docker endpoint");
            }
            var host = docker.TryGetProperty("Host", out var h) && h.ValueKind == JsonValueKind.String ? h.GetString() : null;
            var skip = docker.TryGetProperty("SkipTLSVerify", out var s) && s.ValueKind == JsonValueKind.True;
            var folder = TlsFolder(contextName);
            string? Existing(string name) => File.Exists(Path.Combine(folder, name)) ? Path.Combine(folder, name) : null;
            var ca = Existing(DockerTlsMaterial.CaFileName);
            var cert = Existing(DockerTlsMaterial.CertFileName);
            var key = Existing(DockerTlsMaterial.KeyFileName);
            var tls = ca is null && cert is null && key is null && !skip ? null : new DockerTlsMaterial(folder, ca, cert, key, !skip);
            return new DockerContextEntry(host, skip, tls, null);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return new DockerContextEntry(null, false, null, $"{meta} does not exist");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return new DockerContextEntry(null, false, null, $"{meta} cannot be read: {e.Message}");
        }
    }
}
