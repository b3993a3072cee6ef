using GoDocker.Core.Diagnostics;
using GoDocker.Core.Docker;

namespace GoDocker.Core.Tests.Docker;

/// <summary>One TLS dockerd for the class, started by the first test that needs it.</summary>
public sealed class TlsDockerEngineFixture : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private TlsDockerEngine? _engine;

    public async Task<TlsDockerEngine> GetAsync()
    {
        await _gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            return _engine ??= await TlsDockerEngine.StartAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_engine is not null)
        {
            await _engine.DisposeAsync();
        }
        _gate.Dispose();
    }
}

/// <summary>
/// The engine probe against a real dockerd with --tlsverify, through the endpoint the docker CLI's variables name:
/// it connects with the client certificate, and each TLS mistake is its own diagnostic naming TLS and the endpoint,
/// also when the docker CLI failed first and the probe explains why.
/// </summary>
public sealed class DockerEngineTlsProbeTests(TlsDockerEngineFixture fixture) : IClassFixture<TlsDockerEngineFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static DockerEndpoint Resolve(IReadOnlyDictionary<string, string?> env) => DockerEndpoint.FromEnvironment(name => env.GetValueOrDefault(name));

    [Fact]
    public async Task DOCKER_TLS_VERIFY_and_DOCKER_CERT_PATH_reach_the_engine_with_the_client_certificate()
    {
        var engine = await fixture.GetAsync();

        var status = await new DockerEngineProbe(Resolve(engine.TlsEnvironment())).CheckAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.StartsWith("20.", status.ServerVersion);
        Assert.True(status.SupportsBuildKit);
    }

    [Fact]
    public async Task A_client_certificate_of_another_CA_is_GD5011_naming_the_endpoint_and_the_certificate()
    {
        var engine = await fixture.GetAsync();
        var foreign = engine.Tls.WriteForeignClientFolder();
        var env = engine.TlsEnvironment(foreign);

        var e = await Assert.ThrowsAsync<DiagnosticException>(() =>
            new DockerEngineProbe(Resolve(env)).CheckAsync(Timeout, TestContext.Current.CancellationToken));

        Assert.Equal("GD5011", e.Diagnostic.Code);
        Assert.StartsWith($"TLS with the Docker engine at {engine.TcpHost} (DOCKER_HOST) failed: the engine refused the client certificate {Path.Combine(foreign, "cert.pem")}", e.Diagnostic.Message);
        Assert.Contains($"DOCKER_CERT_PATH ({foreign})", e.Diagnostic.Message);
    }

    [Fact]
    public async Task A_context_with_a_foreign_client_certificate_is_GD5011_naming_the_context_to_update()
    {
        var engine = await fixture.GetAsync();
        var foreign = engine.Tls.WriteForeignClientFolder();
        var config = Directory.CreateTempSubdirectory("godocker-dockerconfig-").FullName;
        try
        {
            var store = new DockerContextStore(config);
            Directory.CreateDirectory(Path.GetDirectoryName(store.MetaFile("remote"))!);
            File.WriteAllText(store.MetaFile("remote"),
                System.Text.Json.JsonSerializer.Serialize(new { Name = "remote", Metadata = new { }, Endpoints = new { docker = new { Host = engine.TcpHost, SkipTLSVerify = false } } }));
            Directory.CreateDirectory(store.TlsFolder("remote"));
            foreach (var file in new[] { "ca.pem", "cert.pem", "key.pem" })
            {
                File.Copy(Path.Combine(foreign, file), Path.Combine(store.TlsFolder("remote"), file));
            }
            var env = new Dictionary<string, string?> { ["DOCKER_CONFIG"] = config, ["DOCKER_CONTEXT"] = "remote" };

            var e = await Assert.ThrowsAsync<DiagnosticException>(() =>
                new DockerEngineProbe(Resolve(env)).CheckAsync(Timeout, TestContext.Current.CancellationToken));

            Assert.Equal("GD5011", e.Diagnostic.Code);
            Assert.StartsWith($"TLS with the Docker engine at {engine.TcpHost} (Docker context 'remote' (DOCKER_CONTEXT)) failed", e.Diagnostic.Message);
            Assert.Contains("docker context update remote --docker ca=...,cert=...,key=...", e.Diagnostic.Message);
        }
        finally
        {
            Directory.Delete(config, recursive: true);
        }
    }

    [Fact]
    public async Task A_context_without_ca_pem_checks_the_engine_against_the_system_roots_as_the_CLI_does()
    {
        var engine = await fixture.GetAsync();
        var config = Directory.CreateTempSubdirectory("godocker-dockerconfig-").FullName;
        try
        {
            var env = new Dictionary<string, string?> { ["DOCKER_CONFIG"] = config, ["DOCKER_CONTEXT"] = "no-ca" };
            var client = engine.Tls.ClientFolder;
            var create = await TlsDockerEngine.RunAsync(TlsDockerEngine.DockerCli, ["context", "create", "no-ca", "--docker",
                $"host={engine.TcpHost},cert={client}/cert.pem,key={client}/key.pem"], new Dictionary<string, string?> { ["DOCKER_CONFIG"] = config });
            Assert.True(create.ExitCode == 0, create.Output);
            var cli = await TlsDockerEngine.RunAsync(TlsDockerEngine.DockerCli, ["version", "--format", "{{.Server.Version}}"], env);

            var e = await Assert.ThrowsAsync<DiagnosticException>(() =>
                new DockerEngineProbe(Resolve(env)).CheckAsync(Timeout, TestContext.Current.CancellationToken));

            Assert.NotEqual(0, cli.ExitCode); // the test CA is in no system store: the CLI refuses the engine too
            Assert.Contains("x509: certificate", cli.Output);
            Assert.Equal("GD5010", e.Diagnostic.Code);
            Assert.Contains("its certificate is not one this machine's root store vouches for", e.Diagnostic.Message);
        }
        finally
        {
            Directory.Delete(config, recursive: true);
        }
    }

    [Fact]
    public async Task When_the_docker_CLI_fails_on_the_certificate_the_probe_says_why()
    {
        var engine = await fixture.GetAsync();
        var env = engine.TlsEnvironment(engine.Tls.WriteForeignClientFolder());
        var cli = await TlsDockerEngine.RunAsync(TlsDockerEngine.DockerCli, ["version", "--format", "{{.Server.Version}}"], env);
        Assert.NotEqual(0, cli.ExitCode);

        Assert.True(DockerEngineProbe.IsEngineUnreachable(cli.Output), cli.Output);
        var diagnostic = await new DockerEngineProbe(Resolve(env)).DiagnoseAsync(Timeout, cli.Output, TestContext.Current.CancellationToken);

        Assert.Equal("GD5011", diagnostic.Code);
    }

    [Fact]
    public async Task An_engine_certificate_from_another_CA_than_ca_pem_is_GD5010()
    {
        var engine = await fixture.GetAsync();
        var folder = Path.Combine(engine.Tls.Folder, "other-ca");
        Directory.CreateDirectory(folder);
        foreach (var file in new[] { "cert.pem", "key.pem" })
        {
            File.Copy(Path.Combine(engine.Tls.ClientFolder, file), Path.Combine(folder, file), overwrite: true);
        }
        using (var other = TestDockerTls.CreateCa("Not the engine's CA"))
        {
            File.WriteAllText(Path.Combine(folder, "ca.pem"), other.ExportCertificatePem());
        }

        var e = await Assert.ThrowsAsync<DiagnosticException>(() =>
            new DockerEngineProbe(Resolve(engine.TlsEnvironment(folder))).CheckAsync(Timeout, TestContext.Current.CancellationToken));

        Assert.Equal("GD5010", e.Diagnostic.Code);
        Assert.StartsWith($"TLS with the Docker engine at {engine.TcpHost} (DOCKER_HOST) failed: its certificate is not one {Path.Combine(folder, "ca.pem")} vouches for", e.Diagnostic.Message);
        Assert.Contains("issued by 'CN=GoDocker test engine CA'", e.Diagnostic.Message);
    }

    [Fact]
    public async Task DOCKER_TLS_without_DOCKER_TLS_VERIFY_connects_without_checking_the_engine_s_certificate()
    {
        var engine = await fixture.GetAsync();
        var folder = Path.Combine(engine.Tls.Folder, "no-verify");
        Directory.CreateDirectory(folder);
        foreach (var file in new[] { "cert.pem", "key.pem" })
        {
            File.Copy(Path.Combine(engine.Tls.ClientFolder, file), Path.Combine(folder, file), overwrite: true);
        }
        using (var other = TestDockerTls.CreateCa("Not the engine's CA"))
        {
            File.WriteAllText(Path.Combine(folder, "ca.pem"), other.ExportCertificatePem());
        }
        var env = new Dictionary<string, string?> { ["DOCKER_HOST"] = engine.TcpHost, ["DOCKER_TLS"] = "1", ["DOCKER_CERT_PATH"] = folder };
        var cli = await TlsDockerEngine.RunAsync(TlsDockerEngine.DockerCli, ["version", "--format", "{{.Server.Version}}"], env);

        var status = await new DockerEngineProbe(Resolve(env)).CheckAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.True(cli.ExitCode == 0, cli.Output);
        Assert.Equal(cli.Output.Trim(), status.ServerVersion);
    }

    [Fact]
    public async Task Plain_tcp_to_an_engine_that_speaks_TLS_is_GD5013_in_the_probe_and_after_the_CLI()
    {
        var engine = await fixture.GetAsync();
        var env = new Dictionary<string, string?> { ["DOCKER_HOST"] = engine.TcpHost };
        var cli = await TlsDockerEngine.RunAsync(TlsDockerEngine.DockerCli, ["version", "--format", "{{.Server.Version}}"], env);

        Assert.True(DockerEngineProbe.IsEngineUnreachable(cli.Output), cli.Output);
        var diagnostic = await new DockerEngineProbe(Resolve(env)).DiagnoseAsync(Timeout, cli.Output, TestContext.Current.CancellationToken);

        Assert.Equal("GD5013", diagnostic.Code);
        Assert.StartsWith($"The Docker engine at {engine.TcpHost} speaks TLS, but DOCKER_HOST connects without it. Set DOCKER_TLS_VERIFY=1", diagnostic.Message);
    }

    [Fact]
    public async Task A_closed_tcp_port_is_GD5001_naming_the_variable_within_the_timeout()
    {
        var engine = await fixture.GetAsync();
        var env = engine.TlsEnvironment();
        var closed = new Dictionary<string, string?>(env) { ["DOCKER_HOST"] = "tcp://127.0.0.1:1" };
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();

        var e = await Assert.ThrowsAsync<DiagnosticException>(() =>
            new DockerEngineProbe(Resolve(closed)).CheckAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(8), stopwatch.Elapsed.ToString());
        Assert.Equal("GD5001", e.Diagnostic.Code);
        Assert.StartsWith("Cannot reach the Docker engine at tcp://127.0.0.1:1 (DOCKER_HOST): ", e.Diagnostic.Message);
    }

    [Fact]
    public async Task A_configuration_the_CLI_refuses_is_the_resolver_diagnostic_after_the_CLI_fails()
    {
        var env = new Dictionary<string, string?> { ["DOCKER_HOST"] = "https://127.0.0.1:2376" };
        var cli = await TlsDockerEngine.RunAsync(TlsDockerEngine.DockerCli, ["version"], env);
        Assert.True(DockerEngineProbe.IsEngineUnreachable(cli.Output), cli.Output);

        var diagnostic = await new DockerEngineProbe(Resolve(env)).DiagnoseAsync(Timeout, cli.Output, TestContext.Current.CancellationToken);

        Assert.Equal("GD1100", diagnostic.Code);
    }
}
