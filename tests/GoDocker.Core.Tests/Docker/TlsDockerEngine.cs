using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace GoDocker.Core.Tests.Docker;

/// <summary>
/// A second, real dockerd that listens on tcp://127.0.0.1:PORT with --tlsverify and the engine certificate of a
/// <see cref="TestDockerTls"/> (so only clients with its client certificate get in), and on a unix socket of its own for
/// the tests' inspection. Its own data root, exec root and pid file; no bridge, no iptables. Disposing stops it and
/// deletes its state. Skips the test where dockerd cannot run here, unless GODOCKER_REQUIRE_DOCKER=1.
/// </summary>
public sealed class TlsDockerEngine : IAsyncDisposable
{
    public const string Dockerd = "/usr/sbin/dockerd";
    public const string DockerCli = "/usr/bin/docker";

    private readonly Process _daemon;

    private TlsDockerEngine(Process daemon, string root, int port, TestDockerTls tls)
    {
        _daemon = daemon;
        Root = root;
        Port = port;
        Tls = tls;
    }

    public string Root { get; }
    public int Port { get; }
    public TestDockerTls Tls { get; }

    /// <summary>The TLS address, for DOCKER_HOST.</summary>
    public string TcpHost => $"tcp://127.0.0.1:{Port}";

    /// <summary>Its unix socket, for the tests' own inspection without TLS.</summary>
    public string SocketHost => "unix://" + Path.Combine(Root, "docker.sock");

    /// <summary>DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH for a process that should build on this engine.</summary>
    public IReadOnlyDictionary<string, string?> TlsEnvironment(string? certPath = null) => new Dictionary<string, string?>
    {
        ["DOCKER_HOST"] = TcpHost,
        ["DOCKER_TLS_VERIFY"] = "1",
        ["DOCKER_CERT_PATH"] = certPath ?? Tls.ClientFolder,
        ["DOCKER_CONTEXT"] = null,
    };

    public static async Task<TlsDockerEngine> StartAsync(params string[] images)
    {
        var problem = !File.Exists(Dockerd) ? $"{Dockerd} is missing (apt-get install docker.io)"
            : !File.Exists(DockerCli) ? $"{DockerCli} is missing (apt-get install docker.io)"
            : Environment.UserName != "root" ? "a second dockerd needs root"
            : null;
        if (problem is not null)
        {
            if (Environment.GetEnvironmentVariable("GODOCKER_REQUIRE_DOCKER") == "1")
            {
                Assert.Fail("GODOCKER_REQUIRE_DOCKER=1 but " + problem);
            }
            Assert.Skip(problem);
        }
        var tls = TestDockerTls.Create();
        // Short: a unix socket path is limited to 108 bytes.
        var root = Path.Combine("/tmp", "gdtls-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(root);
        var port = FreePort();
        var start = new ProcessStartInfo(Dockerd) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
        {
            "--data-root", Path.Combine(root, "data"), "--exec-root", Path.Combine(root, "exec"),
            "--pidfile", Path.Combine(root, "docker.pid"),
            "-H", $"tcp://127.0.0.1:{port}", "-H", "unix://" + Path.Combine(root, "docker.sock"),
            "--tlsverify", "--tlscacert", tls.CaFile, "--tlscert", tls.ServerCertFile, "--tlskey", tls.ServerKeyFile,
            "--bridge=none", "--iptables=false", "--ip-masq=false",
        })
        {
            start.ArgumentList.Add(argument);
        }
        var log = Path.Combine(root, "dockerd.log");
        var daemon = Process.Start(start) ?? throw new InvalidOperationException("dockerd did not start");
        var writer = new StreamWriter(log) { AutoFlush = true };
        daemon.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (writer) { writer.WriteLine(e.Data); } } };
        daemon.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (writer) { writer.WriteLine(e.Data); } } };
        daemon.BeginOutputReadLine();
        daemon.BeginErrorReadLine();
        var engine = new TlsDockerEngine(daemon, root, port, tls);
        try
        {
            await engine.WaitUntilAnsweringAsync(log);
            foreach (var image in images)
            {
                var load = await RunAsync("/bin/sh", ["-c", $"{DockerCli} save \"$1\" | {DockerCli} -H \"$2\" load", "load", image, engine.SocketHost], null);
                Assert.True(load.ExitCode == 0, $"loading {image} into the TLS engine failed: {load.Output}");
            }
            return engine;
        }
        catch
        {
            await engine.DisposeAsync();
            throw;
        }
    }

    /// <summary>The docker CLI against this engine's own socket (no TLS), for looking at what a build left there.</summary>
    public Task<(int ExitCode, string Output)> DockerAsync(params string[] args) => RunAsync(DockerCli, ["-H", SocketHost, .. args], null);

    /// <summary>Bytes under the engine's data root: grows when a build runs on this engine.</summary>
    public long DataRootBytes() =>
        new DirectoryInfo(Path.Combine(Root, "data")).EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 })
            .Sum(f => f.Length);

    public static async Task<(int ExitCode, string Output)> RunAsync(string file, string[] args, IReadOnlyDictionary<string, string?>? environment)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in args)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    private async Task WaitUntilAnsweringAsync(string log)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            if (_daemon.HasExited)
            {
                Assert.Fail($"the TLS dockerd exited with {_daemon.ExitCode}: {File.ReadAllText(log)}");
            }
            var version = await DockerAsync("version", "--format", "{{.Server.Version}}");
            if (version.ExitCode == 0)
            {
                return;
            }
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"the TLS dockerd did not answer within 60 s: {version.Output}\n{File.ReadAllText(log)}");
            }
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_daemon.HasExited)
        {
            // SIGTERM: dockerd stops its containerd and unmounts its layers; SIGKILL would leave both behind.
            using (var term = Process.Start("kill", ["-TERM", _daemon.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _daemon.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _daemon.Kill(entireProcessTree: true);
                await _daemon.WaitForExitAsync();
            }
        }
        _daemon.Dispose();
        Tls.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A layer still mounted; the folder is in /tmp and holds nothing of the tests' results.
        }
    }
}
