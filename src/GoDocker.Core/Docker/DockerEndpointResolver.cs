using System.Globalization;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Docker;

/// <summary>
/// Chooses the engine address exactly as the docker CLI does (cli/command/cli.go, opts/hosts.go, cli/flags): DOCKER_HOST;
/// else the context named by DOCKER_CONTEXT, else by currentContext in $DOCKER_CONFIG/config.json, from the context
/// store; the "default" context is DOCKER_HOST or the local socket. DOCKER_TLS_VERIFY (any non-empty value, as the
/// CLI reads it) or DOCKER_TLS turn on TLS for the default context, with ca.pem, cert.pem and key.pem from
/// DOCKER_CERT_PATH (else the config folder). A configuration the CLI would refuse becomes <see cref="DockerEndpoint.Problem"/>.
/// </summary>
public sealed class DockerEndpointResolver
{
    public const int DefaultPort = 2375;
    public const int DefaultTlsPort = 2376;

    private readonly Func<string, string?> _getEnv;

    public DockerEndpointResolver(Func<string, string?>? getEnv = null) => _getEnv = getEnv ?? Environment.GetEnvironmentVariable;

    public static Uri DefaultSocket => OperatingSystem.IsWindows()
        ? new Uri("npipe://./pipe/docker_engine")
        : new Uri("unix:///var/run/docker.sock");

    /// <summary>$DOCKER_CONFIG, else ~/.docker, as the CLI finds its config.json, contexts and default TLS files.</summary>
    public string ConfigDirectory => Env("DOCKER_CONFIG") ?? Path.Combine(Env("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker");

    public DockerEndpoint Resolve()
    {
        if (Env("DOCKER_HOST") is { } host)
        {
            return FromDefaultContext(host, "DOCKER_HOST");
        }
        var store = new DockerContextStore(ConfigDirectory);
        var (name, origin) = Env("DOCKER_CONTEXT") is { } fromEnv
            ? (fromEnv, "DOCKER_CONTEXT")
            : store.CurrentContext() is { } current ? (current, $"currentContext in {store.ConfigFile}") : (DockerContextStore.DefaultContextName, "");
        if (name == DockerContextStore.DefaultContextName)
        {
            return FromDefaultContext(null, origin.Length == 0 ? "the local default socket" : $"Docker context 'default' ({origin})");
        }
        var entry = store.Read(name);
        var named = $"Docker context '{name}' ({origin})";
        if (entry.Problem is { } problem)
        {
            return new DockerEndpoint(DefaultSocket)
            {
                Origin = named,
                Problem = DiagnosticCatalog.DockerContextMissing.Create(name, origin, problem),
            };
        }
        // The CLI connects to a context's host as written; a tcp host without a port gets the port the CLI's flags would give it.
        var endpoint = Parse(entry.Host ?? "", named, entry.Tls is not null);
        if (endpoint.Problem is not null || endpoint.Uri.Scheme != "tcp" || entry.Tls is null)
        {
            return endpoint;
        }
        var update = $"the context (docker context update {name} --docker ca=...,cert=...,key=...)";
        // Unlike DOCKER_CERT_PATH, a context needs no ca.pem: without one the engine's certificate is checked against the system's roots.
        return WithTls(endpoint, entry.Tls with { ChangeHint = update }, update);
    }

    /// <summary>
    /// CONTAINER_HOST, as Podman's remote client reads it (unix://, tcp://, ssh://), else Podman's socket: rootless
    /// $XDG_RUNTIME_DIR/podman/podman.sock, rootful /run/podman/podman.sock. Podman has no contexts and no TLS variables.
    /// </summary>
    public DockerEndpoint ResolveContainerHost()
    {
        if (Env("CONTAINER_HOST") is { } host)
        {
            return Parse(host, "CONTAINER_HOST", tls: false, sshPath: true);
        }
        var runtime = Env("XDG_RUNTIME_DIR");
        var socket = runtime is not null && !IsRoot() ? Path.Combine(runtime, "podman", "podman.sock") : "/run/podman/podman.sock";
        return new DockerEndpoint(new Uri("unix://" + socket)) { Origin = "Podman's default socket" };
    }

    /// <summary>The default context: <paramref name="host"/> (DOCKER_HOST) or the local socket, with the TLS environment.</summary>
    private DockerEndpoint FromDefaultContext(string? host, string origin)
    {
        var verify = Env("DOCKER_TLS_VERIFY") is not null;
        var tls = verify || Env("DOCKER_TLS") is not null;
        var endpoint = host is null ? new DockerEndpoint(DefaultSocket) { Origin = origin } : Parse(host, origin, tls);
        if (!tls || endpoint.Problem is not null)
        {
            return endpoint;
        }
        var folder = Env("DOCKER_CERT_PATH") ?? ConfigDirectory;
        var tlsVariable = verify ? "DOCKER_TLS_VERIFY" : "DOCKER_TLS";
        var folderHint = Env("DOCKER_CERT_PATH") is null ? $"{folder} (no DOCKER_CERT_PATH)" : $"{folder} (DOCKER_CERT_PATH)";
        string? Existing(string name) => File.Exists(Path.Combine(folder, name)) ? Path.Combine(folder, name) : null;
        var ca = Path.Combine(folder, DockerTlsMaterial.CaFileName);
        var cert = Existing(DockerTlsMaterial.CertFileName);
        var key = Existing(DockerTlsMaterial.KeyFileName);
        var material = new DockerTlsMaterial(folder, ca, cert, key, verify) { ChangeHint = "DOCKER_CERT_PATH" };
        // The CLI always reads ca.pem; cert.pem and key.pem only where they exist, and then both.
        var missing = !File.Exists(ca) ? $"{ca} does not exist"
            : cert is null && key is not null ? $"{key} has no {DockerTlsMaterial.CertFileName} beside it"
            : cert is not null && key is null ? $"{cert} has no {DockerTlsMaterial.KeyFileName} beside it"
            : null;
        if (missing is not null)
        {
            return endpoint with
            {
                Tls = material,
                Problem = DiagnosticCatalog.DockerTlsFilesMissing.Create(tlsVariable, endpoint, $"{missing} in {folderHint}", folder, "DOCKER_CERT_PATH"),
            };
        }
        // TLS applies to tcp only; a socket, pipe or ssh endpoint ignores it, as the CLI's transport does.
        return endpoint.Uri.Scheme == "tcp" ? WithTls(endpoint, material, "DOCKER_CERT_PATH") : endpoint;
    }

    private static DockerEndpoint WithTls(DockerEndpoint endpoint, DockerTlsMaterial material, string change) =>
        material.Problem() is { } problem
            ? endpoint with { Tls = material, Problem = DiagnosticCatalog.DockerTlsFilesInvalid.Create(endpoint, endpoint.Origin, problem, material.Folder, change) }
            : endpoint with { Tls = material };

    /// <summary>
    /// An engine address as the CLI's opts.ParseHost reads it: no scheme is tcp; tcp gets localhost and 2375 (2376
    /// with TLS) where they are missing; unix://, npipe:// and ssh://[user@]host[:port] as given (Podman's ssh address
    /// may name the remote socket as its path: <paramref name="sshPath"/>).
    /// </summary>
    public static DockerEndpoint Parse(string value, string origin, bool tls, bool sshPath = false)
    {
        DockerEndpoint Invalid(string why) => new(DefaultSocket)
        {
            Origin = origin,
            Problem = DiagnosticCatalog.InvalidDockerHost.Create(origin, value, why),
        };
        var trimmed = value.Trim();
        if (trimmed.Length == 0)
        {
            return Invalid("it is empty");
        }
        var separator = trimmed.IndexOf("://", StringComparison.Ordinal);
        var scheme = separator < 0 ? "tcp" : trimmed[..separator]; // case-sensitive, as the CLI reads it
        var rest = separator < 0 ? trimmed : trimmed[(separator + 3)..];
        switch (scheme)
        {
            case "tcp":
                return ParseTcp(rest, tls) is { } tcp
                    ? new DockerEndpoint(tcp) { Origin = origin }
                    : Invalid($"'{rest}' is not host:port (port 1-65535)");
            case "unix":
                return rest.Length == 0 ? new DockerEndpoint(DefaultSocket) { Origin = origin }
                    : rest.StartsWith('/') && Uri.TryCreate("unix://" + rest, UriKind.Absolute, out var socket) ? new DockerEndpoint(socket) { Origin = origin }
                    : Invalid($"'{rest}' is not an absolute socket path");
            case "npipe":
                // The CLI writes npipe:////./pipe/NAME; the engine API client wants npipe://./pipe/NAME.
                return rest.TrimStart('/') is { Length: > 0 } pipeName && Uri.TryCreate("npipe://" + pipeName, UriKind.Absolute, out var pipe) && pipe.Segments is [_, "pipe/", _]
                    ? new DockerEndpoint(pipe) { Origin = origin }
                    : Invalid("a pipe address is npipe:////./pipe/NAME");
            case "ssh":
                return Uri.TryCreate(trimmed, UriKind.Absolute, out var ssh) && ssh.Host.Length > 0 && (sshPath || ssh.AbsolutePath is "" or "/")
                    ? new DockerEndpoint(ssh) { Origin = origin }
                    : Invalid("an ssh address is ssh://[user@]host[:port] with a host name and no path");
            default:
                return Invalid($"the scheme '{scheme}://' is not one of unix://, tcp://, ssh://, npipe://");
        }
    }

    private static Uri? ParseTcp(string address, bool tls)
    {
        var slash = address.IndexOf('/', StringComparison.Ordinal);
        var authority = slash < 0 ? address : address[..slash];
        var path = slash < 0 ? "" : address[slash..];
        string host;
        string? port;
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return null;
            }
            host = authority[..(close + 1)];
            var after = authority[(close + 1)..];
            port = after.Length == 0 ? null : after.StartsWith(':') ? after[1..] : "x";
        }
        else
        {
            var colon = authority.LastIndexOf(':');
            host = colon < 0 ? authority : authority[..colon];
            port = colon < 0 ? null : authority[(colon + 1)..];
            if (host.Contains(':', StringComparison.Ordinal))
            {
                return null;
            }
        }
        if (host.Length == 0)
        {
            host = "localhost";
        }
        var number = tls ? DefaultTlsPort : DefaultPort;
        if (!string.IsNullOrEmpty(port) && (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number is < 1 or > 65535))
        {
            return null;
        }
        return Uri.TryCreate($"tcp://{host}:{number.ToString(CultureInfo.InvariantCulture)}{path}", UriKind.Absolute, out var uri) && uri.Host.Length > 0 ? uri : null;
    }

    private string? Env(string name) => _getEnv(name) is { Length: > 0 } value ? value : null;

    private static bool IsRoot() => !OperatingSystem.IsWindows() && Environment.UserName == "root";
}
