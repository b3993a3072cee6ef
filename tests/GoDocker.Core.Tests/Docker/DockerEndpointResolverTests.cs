using CliWrap;
using CliWrap.Buffered;
using GoDocker.Core.Docker;

namespace GoDocker.Core.Tests.Docker;

/// <summary>
/// The engine address as the docker CLI chooses it: DOCKER_HOST, DOCKER_CONTEXT, config.json's currentContext and the
/// context store, DOCKER_TLS_VERIFY with DOCKER_CERT_PATH; and each configuration the CLI refuses, as a diagnostic.
/// </summary>
public sealed class DockerEndpointResolverTests : IDisposable
{
    private readonly string _config = Directory.CreateTempSubdirectory("godocker-dockerconfig-").FullName;
    private readonly Dictionary<string, string?> _env = new();

    public DockerEndpointResolverTests() => _env["DOCKER_CONFIG"] = _config;

    public void Dispose() => Directory.Delete(_config, recursive: true);

    private DockerEndpoint Resolve() => DockerEndpoint.FromEnvironment(name => _env.GetValueOrDefault(name));

    [Fact]
    public void Nothing_set_is_the_local_socket()
    {
        var endpoint = Resolve();

        Assert.Equal(DockerEndpointResolver.DefaultSocket, endpoint.Uri);
        Assert.Null(endpoint.Problem);
        Assert.Null(endpoint.Tls);
    }

    [Theory]
    [InlineData("unix:///run/user/1000/docker.sock", "unix:///run/user/1000/docker.sock")]
    [InlineData("tcp://10.0.0.5", "tcp://10.0.0.5:2375/")]
    [InlineData("tcp://:2380", "tcp://localhost:2380/")]
    [InlineData("10.0.0.5:2380", "tcp://10.0.0.5:2380/")]
    [InlineData("tcp://[::1]:2380", "tcp://[::1]:2380/")]
    [InlineData("ssh://builder@build-host:2222", "ssh://builder@build-host:2222/")]
    [InlineData("npipe:////./pipe/docker_engine", "npipe://./pipe/docker_engine")]
    public void DOCKER_HOST_is_read_as_the_CLI_reads_it(string host, string expected)
    {
        _env["DOCKER_HOST"] = host;

        var endpoint = Resolve();

        Assert.Null(endpoint.Problem);
        Assert.Equal(new Uri(expected), endpoint.Uri);
        Assert.Equal("DOCKER_HOST", endpoint.Origin);
    }

    [Theory]
    [InlineData("http://10.0.0.5:2375", "'http://' is not one of unix://, tcp://, ssh://, npipe://")]
    [InlineData("TCP://10.0.0.5:2375", "'TCP://' is not one of")]
    [InlineData("tcp://10.0.0.5:99999", "is not host:port")]
    [InlineData("ssh://", "with a host name")]
    public void A_DOCKER_HOST_the_CLI_refuses_is_GD1100_naming_the_variable_and_the_fix(string host, string why)
    {
        _env["DOCKER_HOST"] = host;
        _env["DOCKER_CONTEXT"] = "ignored";

        var problem = Resolve().Problem;

        Assert.NotNull(problem);
        Assert.Equal("GD1100", problem.Code);
        Assert.StartsWith($"DOCKER_HOST names the Docker engine '{host}', which the docker CLI refuses: ", problem.Message);
        Assert.Contains(why, problem.Message);
        Assert.Contains("Set it to unix:///path/to/docker.sock, tcp://host:port", problem.Message);
    }

    [Theory]
    [InlineData("unix://a b/docker.sock")]
    [InlineData("tcp://[::1")]
    [InlineData("tcp://host:port:extra")]
    [InlineData("ssh://@")]
    [InlineData("ssh://user@host:notaport")]
    [InlineData("npipe://")]
    [InlineData("::::")]
    [InlineData("tcp://h\u0000st:2375")]
    [InlineData("tcp://%zz:1")]
    public void Any_DOCKER_HOST_gives_an_address_or_a_diagnostic_never_an_exception(string host)
    {
        _env["DOCKER_HOST"] = host;
        _env["DOCKER_TLS_VERIFY"] = "1";
        _env["DOCKER_CERT_PATH"] = "/nonexistent\u0000";

        var endpoint = Resolve();

        Assert.True(endpoint.Problem is not null || endpoint.Uri.IsAbsoluteUri);
        Assert.True(endpoint.Problem is null || endpoint.Problem.Code is "GD1100" or "GD1102" or "GD1103", endpoint.Problem?.ToString());
    }

    [Fact]
    public void DOCKER_TLS_VERIFY_takes_the_TLS_files_from_DOCKER_CERT_PATH_and_port_2376()
    {
        using var tls = TestDockerTls.Create();
        _env["DOCKER_HOST"] = "tcp://127.0.0.1";
        _env["DOCKER_TLS_VERIFY"] = "1";
        _env["DOCKER_CERT_PATH"] = tls.ClientFolder;

        var endpoint = Resolve();

        Assert.Null(endpoint.Problem);
        Assert.Equal(new Uri("tcp://127.0.0.1:2376"), endpoint.Uri);
        Assert.NotNull(endpoint.Tls);
        Assert.True(endpoint.Tls.Verify);
        Assert.Equal(Path.Combine(tls.ClientFolder, "ca.pem"), endpoint.Tls.CaFile);
        Assert.Equal(Path.Combine(tls.ClientFolder, "cert.pem"), endpoint.Tls.CertFile);
        Assert.Equal(Path.Combine(tls.ClientFolder, "key.pem"), endpoint.Tls.KeyFile);
    }

    [Fact]
    public void DOCKER_TLS_VERIFY_without_DOCKER_CERT_PATH_reads_the_config_folder()
    {
        _env["DOCKER_HOST"] = "tcp://127.0.0.1:2376";
        _env["DOCKER_TLS_VERIFY"] = "1";

        var problem = Resolve().Problem;

        Assert.NotNull(problem);
        Assert.Equal("GD1102", problem.Code);
        Assert.Contains($"{Path.Combine(_config, "ca.pem")} does not exist in {_config} (no DOCKER_CERT_PATH)", problem.Message);
    }

    [Fact]
    public void DOCKER_CERT_PATH_without_the_files_is_GD1102_naming_the_variables_and_the_folder()
    {
        var empty = Directory.CreateDirectory(Path.Combine(_config, "certs")).FullName;
        _env["DOCKER_HOST"] = "tcp://127.0.0.1:2376";
        _env["DOCKER_TLS_VERIFY"] = "1";
        _env["DOCKER_CERT_PATH"] = empty;

        var problem = Resolve().Problem;

        Assert.NotNull(problem);
        Assert.Equal("GD1102", problem.Code);
        Assert.StartsWith("DOCKER_TLS_VERIFY connects to the Docker engine tcp://127.0.0.1:2376 with TLS, but ", problem.Message);
        Assert.Contains($"{Path.Combine(empty, "ca.pem")} does not exist in {empty} (DOCKER_CERT_PATH)", problem.Message);
        Assert.Contains("point DOCKER_CERT_PATH at the folder that has them", problem.Message);
    }

    [Fact]
    public void A_key_of_another_certificate_is_GD1103()
    {
        using var tls = TestDockerTls.Create();
        File.Copy(tls.ServerKeyFile, Path.Combine(tls.ClientFolder, "key.pem"), overwrite: true);
        _env["DOCKER_HOST"] = "tcp://127.0.0.1:2376";
        _env["DOCKER_TLS_VERIFY"] = "1";
        _env["DOCKER_CERT_PATH"] = tls.ClientFolder;

        var problem = Resolve().Problem;

        Assert.NotNull(problem);
        Assert.Equal("GD1103", problem.Code);
        Assert.True(problem.Message.Contains($"{Path.Combine(tls.ClientFolder, "key.pem")} is not the private key of {Path.Combine(tls.ClientFolder, "cert.pem")}", StringComparison.Ordinal), problem.Message);
        Assert.Contains("point DOCKER_CERT_PATH at the folder that has them", problem.Message);
    }

    [Fact]
    public void DOCKER_HOST_wins_over_DOCKER_CONTEXT_and_currentContext()
    {
        WriteContext("remote", "tcp://10.0.0.9:2376");
        File.WriteAllText(Path.Combine(_config, "config.json"), """{"currentContext":"remote"}""");
        _env["DOCKER_CONTEXT"] = "remote";
        _env["DOCKER_HOST"] = "unix:///tmp/other.sock";

        Assert.Equal(new Uri("unix:///tmp/other.sock"), Resolve().Uri);
    }

    [Fact]
    public void DOCKER_CONTEXT_wins_over_currentContext()
    {
        WriteContext("one", "tcp://10.0.0.1:2375");
        WriteContext("two", "tcp://10.0.0.2:2375");
        File.WriteAllText(Path.Combine(_config, "config.json"), """{"currentContext":"one"}""");
        _env["DOCKER_CONTEXT"] = "two";

        var endpoint = Resolve();

        Assert.Equal(new Uri("tcp://10.0.0.2:2375"), endpoint.Uri);
        Assert.Equal("Docker context 'two' (DOCKER_CONTEXT)", endpoint.Origin);
    }

    [Fact]
    public void currentContext_names_the_context_with_its_TLS_files_and_SkipTLSVerify()
    {
        using var tls = TestDockerTls.Create();
        WriteContext("secure", "tcp://127.0.0.1:2376", tls.ClientFolder, skipTlsVerify: true);
        File.WriteAllText(Path.Combine(_config, "config.json"), """{"auths":{},"currentContext":"secure"}""");

        var endpoint = Resolve();

        Assert.Null(endpoint.Problem);
        Assert.Equal(new Uri("tcp://127.0.0.1:2376"), endpoint.Uri);
        Assert.Equal($"Docker context 'secure' (currentContext in {Path.Combine(_config, "config.json")})", endpoint.Origin);
        Assert.NotNull(endpoint.Tls);
        Assert.False(endpoint.Tls.Verify);
        Assert.Equal(File.ReadAllText(Path.Combine(tls.ClientFolder, "cert.pem")), File.ReadAllText(endpoint.Tls.CertFile!));
    }

    [Fact]
    public void The_default_context_is_the_socket_even_when_config_json_names_it()
    {
        File.WriteAllText(Path.Combine(_config, "config.json"), """{"currentContext":"default"}""");

        var endpoint = Resolve();

        Assert.Null(endpoint.Problem);
        Assert.Equal(DockerEndpointResolver.DefaultSocket, endpoint.Uri);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_context_not_in_the_store_is_GD1101_naming_where_the_name_came_from(bool fromVariable)
    {
        if (fromVariable)
        {
            _env["DOCKER_CONTEXT"] = "gone";
        }
        else
        {
            File.WriteAllText(Path.Combine(_config, "config.json"), """{"currentContext":"gone"}""");
        }

        var problem = Resolve().Problem;

        Assert.NotNull(problem);
        Assert.Equal("GD1101", problem.Code);
        var origin = fromVariable ? "DOCKER_CONTEXT" : $"currentContext in {Path.Combine(_config, "config.json")}";
        Assert.StartsWith($"The Docker context 'gone' ({origin}) is not in the context store: ", problem.Message);
        Assert.Contains(new DockerContextStore(_config).MetaFile("gone") + " does not exist", problem.Message);
        Assert.Contains("docker context create gone", problem.Message);
    }

    [Fact]
    public async Task A_context_the_docker_CLI_created_resolves_to_its_host_and_TLS_files()
    {
        var docker = RequireDockerCli();
        using var tls = TestDockerTls.Create();
        var client = tls.ClientFolder;

        var create = await Cli.Wrap(docker).WithArguments(["context", "create", "ci-engine", "--docker",
                $"host=tcp://127.0.0.1:23760,ca={client}/ca.pem,cert={client}/cert.pem,key={client}/key.pem"])
            .WithEnvironmentVariables(e => e.Set("DOCKER_CONFIG", _config)).WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(TestContext.Current.CancellationToken);
        Assert.True(create.ExitCode == 0, create.StandardError);
        _env["DOCKER_CONTEXT"] = "ci-engine";

        var endpoint = Resolve();

        Assert.Null(endpoint.Problem);
        Assert.Equal(new Uri("tcp://127.0.0.1:23760"), endpoint.Uri);
        Assert.NotNull(endpoint.Tls);
        Assert.True(endpoint.Tls.Verify);
        Assert.Equal(File.ReadAllText(Path.Combine(client, "ca.pem")), File.ReadAllText(endpoint.Tls.CaFile!));
        Assert.Equal(File.ReadAllText(Path.Combine(client, "key.pem")), File.ReadAllText(endpoint.Tls.KeyFile!));
    }

    [Theory]
    [InlineData("#9 1.234 go: example.com/m@v1.0.0: Get \"https://proxy.example.corp/example.com/m/@v/v1.0.0.info\": x509: certificate signed by unknown authority")]
    [InlineData("#9 0.52 go: example.com/m@v1.0.0: Get \"https://proxy.example.corp/example.com/m/@v/list\": remote error: tls: handshake failure")]
    [InlineData("ERROR: failed to solve: registry.example.corp/golang:1.22: failed to do request: Head \"https://registry.example.corp/v2/golang/manifests/1.22\": x509: certificate signed by unknown authority")]
    public void TLS_errors_of_go_or_a_registry_inside_the_build_are_not_the_engine_s(string buildOutput)
    {
        Assert.False(DockerEngineProbe.IsEngineUnreachable(buildOutput));
    }

    [Fact]
    public void CONTAINER_HOST_is_read_for_Podman()
    {
        _env["CONTAINER_HOST"] = "ssh://core@127.0.0.1:2222/run/user/1000/podman/podman.sock";
        var ssh = new DockerEndpointResolver(name => _env.GetValueOrDefault(name)).ResolveContainerHost();
        _env["CONTAINER_HOST"] = "unix:///run/podman/podman.sock";
        var unix = new DockerEndpointResolver(name => _env.GetValueOrDefault(name)).ResolveContainerHost();

        Assert.Null(unix.Problem);
        Assert.Equal(new Uri("unix:///run/podman/podman.sock"), unix.Uri);
        Assert.Equal("CONTAINER_HOST", unix.Origin);
        Assert.Null(ssh.Problem);
        Assert.Equal("/run/user/1000/podman/podman.sock", ssh.Uri.AbsolutePath);
    }

    private void WriteContext(string name, string host, string? tlsFolder = null, bool skipTlsVerify = false)
    {
        var store = new DockerContextStore(_config);
        Directory.CreateDirectory(Path.GetDirectoryName(store.MetaFile(name))!);
        File.WriteAllText(store.MetaFile(name),
            System.Text.Json.JsonSerializer.Serialize(new { Name = name, Metadata = new { }, Endpoints = new { docker = new { Host = host, SkipTLSVerify = skipTlsVerify } } }));
        if (tlsFolder is not null)
        {
            Directory.CreateDirectory(store.TlsFolder(name));
            foreach (var file in new[] { "ca.pem", "cert.pem", "key.pem" })
            {
                File.Copy(Path.Combine(tlsFolder, file), Path.Combine(store.TlsFolder(name), file));
            }
        }
    }

    private static string RequireDockerCli()
    {
        var docker = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, "docker")).FirstOrDefault(File.Exists);
        if (docker is not null)
        {
            return docker;
        }
        if (Environment.GetEnvironmentVariable("GODOCKER_REQUIRE_DOCKER") == "1")
        {
            Assert.Fail("GODOCKER_REQUIRE_DOCKER=1 but the docker CLI is not on PATH");
        }
        Assert.Skip("the docker CLI is not on PATH");
        return "";
    }
}
