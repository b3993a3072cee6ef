using System.Text.RegularExpressions;
using GoDocker.Core.Tests.Docker;
using GoDocker.Sdk.Tests.Infrastructure;

namespace GoDocker.Sdk.Tests;

/// <summary>One TLS dockerd (tcp://127.0.0.1:PORT, --tlsverify) with the test base images, for the class.</summary>
public sealed class TlsEngineWithImagesFixture : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private TlsDockerEngine? _engine;

    public async Task<TlsDockerEngine> GetAsync()
    {
        Requirements.Docker();
        await _gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            return _engine ??= await TlsDockerEngine.StartAsync(Requirements.BaseImage, Requirements.RuntimeImage);
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
/// Issue 16's engine endpoint: `dotnet build` runs its Docker steps on the engine the docker CLI's variables or
/// context name, a remote one with TLS and client certificates here, and a wrong certificate is one diagnostic that
/// names TLS and the endpoint.
/// </summary>
public sealed partial class RemoteEngineEndToEndTests(SdkPackages packages, TlsEngineWithImagesFixture fixture) : IClassFixture<TlsEngineWithImagesFixture>
{
    [Fact]
    public async Task DOCKER_HOST_with_DOCKER_TLS_VERIFY_runs_the_download_stage_on_the_TLS_engine()
    {
        var engine = await fixture.GetAsync();
        await using var upstream = new TestModuleProxy();
        using var project = await ProjectAsync(upstream);
        var before = await BuildCacheRecordsAsync(engine);

        var build = await project.DotnetAsync(engine.TlsEnvironment(), ["build", project.ProjectPath, "-nodeReuse:false", "-v:n"]);

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("Module download stage finished", build.Output);
        Assert.True(await BuildCacheRecordsAsync(engine) > before, "the TLS engine has no new build cache: the build ran elsewhere");
    }

    [Fact]
    public async Task A_Docker_context_with_TLS_files_in_DOCKER_CONFIG_runs_the_build_on_its_engine()
    {
        var engine = await fixture.GetAsync();
        var config = Directory.CreateTempSubdirectory("godocker-dockerconfig-").FullName;
        try
        {
            var env = await TlsContextAsync(engine, config);
            await using var upstream = new TestModuleProxy();
            using var project = await ProjectAsync(upstream);
            var before = await BuildCacheRecordsAsync(engine);

            var build = await project.DotnetAsync(env, ["build", project.ProjectPath, "-nodeReuse:false", "-v:n"]);

            Assert.True(build.ExitCode == 0, build.ToString());
            Assert.True(await BuildCacheRecordsAsync(engine) > before, "the context's engine has no new build cache: the build ran elsewhere");
        }
        finally
        {
            Directory.Delete(config, recursive: true);
        }
    }

    [Fact]
    public async Task DOCKER_HOST_ssh_runs_the_build_on_the_engine_behind_ssh()
    {
        var engine = await fixture.GetAsync();
        await using var ssh = await SshDockerEndpoint.StartAsync(engine.SocketHost);
        await using var upstream = new TestModuleProxy();
        using var project = await ProjectAsync(upstream);
        var before = await BuildCacheRecordsAsync(engine);

        var build = await project.DotnetAsync(ssh.Environment, ["build", project.ProjectPath, "-nodeReuse:false", "-v:n"]);

        Assert.True(build.ExitCode == 0, build + "\nsshd:\n" + ssh.Log);
        Assert.True(await BuildCacheRecordsAsync(engine) > before, "the engine behind ssh has no new build cache: the build ran elsewhere");
        Assert.Contains("Accepted publickey for root", ssh.Log);
    }

    [Fact]
    public async Task An_ssh_host_that_refuses_the_key_is_one_GD5012_naming_ssh_and_the_endpoint()
    {
        var engine = await fixture.GetAsync();
        await using var ssh = await SshDockerEndpoint.StartAsync(engine.SocketHost);
        await using var upstream = new TestModuleProxy();
        using var project = await ProjectAsync(upstream);
        var env = new Dictionary<string, string?>(ssh.Environment) { ["DOCKER_HOST"] = $"ssh://nobody@127.0.0.1:{ssh.Port}" };

        var build = await project.DotnetAsync(env, ["build", project.ProjectPath, "-nodeReuse:false", "-v:n"]);

        Assert.NotEqual(0, build.ExitCode);
        var error = Assert.Single(build.Errors);
        Assert.Equal("GD5012", error.Code);
        Assert.Contains($"Cannot reach the Docker engine at ssh://nobody@127.0.0.1:{ssh.Port} (DOCKER_HOST) over ssh: ", error.Message);
        Assert.Contains("Permission denied", error.Message);
    }

    [Fact]
    public async Task A_client_certificate_the_engine_does_not_trust_is_one_GD5011_naming_TLS_and_the_endpoint()
    {
        var engine = await fixture.GetAsync();
        var foreign = engine.Tls.WriteForeignClientFolder();
        await using var upstream = new TestModuleProxy();
        using var project = await ProjectAsync(upstream);

        var build = await project.DotnetAsync(engine.TlsEnvironment(foreign), ["build", project.ProjectPath, "-nodeReuse:false", "-v:n"]);

        Assert.NotEqual(0, build.ExitCode);
        var error = Assert.Single(build.Errors);
        Assert.Equal("GD5011", error.Code);
        Assert.Contains($"TLS with the Docker engine at {engine.TcpHost} (DOCKER_HOST) failed", error.Message);
        Assert.Contains(Path.Combine(foreign, "cert.pem"), error.Message);
        Assert.DoesNotContain("MSB4018", build.Output);
    }

    [Fact]
    public async Task godocker_download_uses_the_same_TLS_endpoint_and_reports_the_same_GD5011()
    {
        var engine = await fixture.GetAsync();
        await using var upstream = new TestModuleProxy();
        using var project = await ProjectAsync(upstream);
        await project.InstallToolAsync();
        var before = await BuildCacheRecordsAsync(engine);

        var good = await project.DotnetAsync(engine.TlsEnvironment(), ["tool", "run", "godocker", "download"]);
        var foreign = await project.DotnetAsync(engine.TlsEnvironment(engine.Tls.WriteForeignClientFolder()), ["tool", "run", "godocker", "download"]);

        Assert.True(good.ExitCode == 0, good.ToString());
        Assert.True(await BuildCacheRecordsAsync(engine) > before, "the TLS engine has no new build cache: godocker downloaded elsewhere");
        Assert.Equal(1, foreign.ExitCode);
        Assert.Contains("GD5011", foreign.Output);
        Assert.Contains($"TLS with the Docker engine at {engine.TcpHost} (DOCKER_HOST) failed", foreign.Output);
    }

    [Fact]
    public async Task DOCKER_CERT_PATH_without_the_files_is_GD1102_naming_the_variables()
    {
        var engine = await fixture.GetAsync();
        var empty = Directory.CreateTempSubdirectory("godocker-nocerts-").FullName;
        try
        {
            await using var upstream = new TestModuleProxy();
            using var project = await ProjectAsync(upstream);

            var build = await project.DotnetAsync(engine.TlsEnvironment(empty), ["build", project.ProjectPath, "-nodeReuse:false", "-v:n"]);

            Assert.NotEqual(0, build.ExitCode);
            var error = Assert.Single(build.Errors);
            Assert.Equal("GD1102", error.Code);
            Assert.Contains($"DOCKER_TLS_VERIFY connects to the Docker engine {engine.TcpHost} with TLS", error.Message);
            Assert.Contains($"{empty} (DOCKER_CERT_PATH)", error.Message);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [Fact]
    public async Task godocker_verify_in_container_runs_its_check_container_on_the_DOCKER_HOST_TLS_engine()
    {
        var engine = await fixture.GetAsync();
        await using var upstream = new TestModuleProxy();
        using var project = await ProjectAsync(upstream);
        await project.InstallToolAsync();
        var since = EventClock();

        var verify = await project.DotnetAsync(engine.TlsEnvironment(), ["tool", "run", "godocker", "verify", "--in-container"]);

        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.Empty(verify.Errors);
        Assert.NotEmpty(await CheckContainersStartedAsync(engine, since));
    }

    [Fact]
    public async Task godocker_verify_in_container_runs_on_the_engine_of_the_current_Docker_context()
    {
        var engine = await fixture.GetAsync();
        var config = Directory.CreateTempSubdirectory("godocker-dockerconfig-").FullName;
        try
        {
            var env = await TlsContextAsync(engine, config);
            await using var upstream = new TestModuleProxy();
            using var project = await ProjectAsync(upstream);
            await project.InstallToolAsync();
            var since = EventClock();

            var verify = await project.DotnetAsync(env, ["tool", "run", "godocker", "verify", "--in-container"]);

            Assert.True(verify.ExitCode == 0, verify.ToString());
            Assert.NotEmpty(await CheckContainersStartedAsync(engine, since));
        }
        finally
        {
            Directory.Delete(config, recursive: true);
        }
    }

    [Fact]
    public async Task godocker_verify_in_container_runs_its_check_container_on_the_engine_behind_ssh()
    {
        var engine = await fixture.GetAsync();
        await using var ssh = await SshDockerEndpoint.StartAsync(engine.SocketHost);
        await using var upstream = new TestModuleProxy();
        using var project = await ProjectAsync(upstream);
        await project.InstallToolAsync();
        var temp = Directory.CreateTempSubdirectory("godocker-tmp-").FullName;
        var env = new Dictionary<string, string?>(ssh.Environment) { ["TMPDIR"] = temp };
        var since = EventClock();

        var verify = await project.DotnetAsync(env, ["tool", "run", "godocker", "verify", "--in-container"]);

        Assert.True(verify.ExitCode == 0, verify + "\nsshd:\n" + ssh.Log);
        Assert.Empty(verify.Errors);
        Assert.NotEmpty(await CheckContainersStartedAsync(engine, since));
        Assert.Contains("Accepted publickey for root", ssh.Log);
        // The private socket's folder is gone with the check.
        Assert.Empty(Directory.GetDirectories(temp, "godocker-ssh-*"));
        Directory.Delete(temp, recursive: true);
    }

    [Fact]
    public async Task godocker_verify_in_container_with_a_refused_client_certificate_is_one_GD5011_naming_TLS_and_the_endpoint()
    {
        var engine = await fixture.GetAsync();
        var foreign = engine.Tls.WriteForeignClientFolder();
        await using var upstream = new TestModuleProxy();
        using var project = await ProjectAsync(upstream);
        await project.InstallToolAsync();

        var verify = await project.DotnetAsync(engine.TlsEnvironment(foreign), ["tool", "run", "godocker", "verify", "--in-container"]);

        Assert.Equal(1, verify.ExitCode);
        var error = Assert.Single(verify.Errors);
        Assert.Equal("GD5011", error.Code);
        Assert.Contains($"TLS with the Docker engine at {engine.TcpHost} (DOCKER_HOST) failed", error.Message);
        Assert.Contains(Path.Combine(foreign, "cert.pem"), error.Message);
    }

    /// <summary>A Docker config folder whose current context is the TLS engine, and the environment that uses only it.</summary>
    private static async Task<Dictionary<string, string?>> TlsContextAsync(TlsDockerEngine engine, string config)
    {
        var client = engine.Tls.ClientFolder;
        var env = new Dictionary<string, string?>
        {
            ["DOCKER_CONFIG"] = config, ["DOCKER_HOST"] = null, ["DOCKER_CONTEXT"] = null, ["DOCKER_TLS_VERIFY"] = null, ["DOCKER_CERT_PATH"] = null,
        };
        var create = await CommandRun.ExecuteAsync(TestDocker.Cli, ["context", "create", "tls-engine", "--docker",
            $"host={engine.TcpHost},ca={client}/ca.pem,cert={client}/cert.pem,key={client}/key.pem"], config, env, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(create.ExitCode == 0, create.ToString());
        var use = await CommandRun.ExecuteAsync(TestDocker.Cli, ["context", "use", "tls-engine"], config, env, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(use.ExitCode == 0, use.ToString());
        return env;
    }

    /// <summary>Now, a second early, in the engine's event history terms (it runs on this machine, on its clock).</summary>
    private static string EventClock() => (DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The verify check containers (removed by now) that the engine started since <paramref name="since"/>.</summary>
    private static async Task<string[]> CheckContainersStartedAsync(TlsDockerEngine engine, string since)
    {
        var until = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var events = await engine.DockerAsync("events", "--since", since, "--until", until,
            "--filter", "type=container", "--filter", "event=start", "--filter", "label=org.godocker.purpose=verify", "--format", "{{.ID}}");
        Assert.True(events.ExitCode == 0, events.Output);
        return events.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>A project whose download must run in Docker (no fallback to the host's go), with a dependency of its own.</summary>
    private async Task<TestGoProject> ProjectAsync(TestModuleProxy upstream)
    {
        var dependency = upstream.AddUniqueGreeting();
        var project = new TestGoProject(packages).WithProject(TestGoProject.LocalDockerSettings(upstream.Url, ("GoDownload", "Docker"))).WithMainModule(dependency);
        await project.WriteGoSumAsync(upstream);
        return project;
    }

    private static async Task<int> BuildCacheRecordsAsync(TlsDockerEngine engine)
    {
        var df = await engine.DockerAsync("system", "df", "--format", "{{.Type}} {{.TotalCount}}");
        Assert.True(df.ExitCode == 0, df.Output);
        return int.Parse(BuildCacheCount().Match(df.Output).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"Build Cache (\d+)")]
    private static partial Regex BuildCacheCount();
}
