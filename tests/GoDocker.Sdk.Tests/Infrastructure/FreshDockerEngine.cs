using System.Diagnostics;

namespace GoDocker.Sdk.Tests.Infrastructure;

/// <summary>
/// "A fresh CI runner": a second dockerd with an empty data root, its own exec root, pid file and unix socket under a
/// temp folder (and so its own managed containerd), no bridge and no iptables, as build/docker-setup.sh starts the
/// main one. Nothing of the main engine carries over but the base images loaded into it with
/// <c>docker save | docker -H … load</c>; no layer, no BuildKit cache mount, no builder cache. Disposing stops it and
/// deletes its state.
/// </summary>
public sealed class FreshDockerEngine : IAsyncDisposable
{
    private readonly Process _daemon;
    private readonly string _root;

    private FreshDockerEngine(Process daemon, string root)
    {
        _daemon = daemon;
        _root = root;
    }

    /// <summary>The engine's address, for DOCKER_HOST.</summary>
    public string Host => "unix://" + Path.Combine(_root, "docker.sock");

    /// <summary>DOCKER_HOST for a process that should build on this engine.</summary>
    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?> { ["DOCKER_HOST"] = Host };

    public static Task<FreshDockerEngine> StartAsync(params string[] images) => StartAsync(new Dictionary<string, string>(), images);

    /// <param name="environment">dockerd's own environment on top of this process's (SSL_CERT_FILE: the roots its pulls trust).</param>
    public static async Task<FreshDockerEngine> StartAsync(IReadOnlyDictionary<string, string> environment, params string[] images)
    {
        // Short: a unix socket path is limited to 108 bytes.
        var root = Path.Combine("/tmp", "gdfe-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(root);
        var start = new ProcessStartInfo("/usr/sbin/dockerd")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        foreach (var argument in new[]
        {
            "--data-root", Path.Combine(root, "data"), "--exec-root", Path.Combine(root, "exec"),
            "--pidfile", Path.Combine(root, "docker.pid"), "--host", "unix://" + Path.Combine(root, "docker.sock"),
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
        var engine = new FreshDockerEngine(daemon, root);
        try
        {
            await engine.WaitUntilAnsweringAsync(log);
            foreach (var image in images)
            {
                var load = await CommandRun.ExecuteAsync("/bin/sh",
                    ["-c", $"{TestDocker.Cli} save \"$1\" | {TestDocker.Cli} -H \"$2\" load", "load", image, engine.Host], root, null, TimeSpan.FromMinutes(3),
                    TestContext.Current.CancellationToken);
                Assert.True(load.ExitCode == 0, $"loading {image} into the fresh engine failed: {load}");
            }
            return engine;
        }
        catch
        {
            await engine.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs the docker CLI against this engine (with BuildKit, as the SDK builds).</summary>
    public Task<CommandRun> DockerAsync(params string[] args) =>
        CommandRun.ExecuteAsync(TestDocker.Cli, ["-H", Host, .. args], _root, new Dictionary<string, string?> { ["DOCKER_BUILDKIT"] = "1" },
            TimeSpan.FromMinutes(3), TestContext.Current.CancellationToken);

    private async Task WaitUntilAnsweringAsync(string log)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            if (_daemon.HasExited)
            {
                Assert.Fail($"the fresh dockerd exited with {_daemon.ExitCode}: {File.ReadAllText(log)}");
            }
            var version = await CommandRun.ExecuteAsync(TestDocker.Cli, ["-H", Host, "version", "--format", "{{.Server.Version}}"], _root, null,
                TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
            if (version.ExitCode == 0)
            {
                return;
            }
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"the fresh dockerd did not answer within 60 s: {version}\n{File.ReadAllText(log)}");
            }
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
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
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A layer still mounted; the folder is in /tmp and holds nothing of the tests' results.
        }
    }
}
