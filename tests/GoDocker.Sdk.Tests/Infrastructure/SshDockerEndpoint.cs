using System.Net;
using System.Net.Sockets;
using CliWrap;

namespace GoDocker.Sdk.Tests.Infrastructure;

/// <summary>
/// A Docker engine behind ssh://root@127.0.0.1:PORT, as a remote build host is: the real OpenSSH sshd with a config,
/// host key and port of its own, one client key, bound by authorized_keys to a forced command that runs
/// <c>docker system dial-stdio</c> against the engine given (so the build lands on that engine, not the main one). An
/// <c>ssh</c> wrapper first on PATH gives the client the key and the known_hosts file, as ~/.ssh/config would; the
/// docker CLI and the SDK's probe both run <c>ssh</c> from PATH.
/// </summary>
public sealed class SshDockerEndpoint : IAsyncDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("godocker-sshengine-");
    private readonly CancellationTokenSource _stop = new();
    private readonly System.Text.StringBuilder _log = new();
    private Task? _sshd;

    private SshDockerEndpoint(int port) => Port = port;

    public int Port { get; }

    public string Host => $"ssh://root@127.0.0.1:{Port}";

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>DOCKER_HOST=ssh://…, the ssh wrapper first on PATH, and no TLS or context variables.</summary>
    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?>
    {
        ["DOCKER_HOST"] = Host,
        ["PATH"] = Path.Combine(_directory.FullName, "bin") + Path.PathSeparator + System.Environment.GetEnvironmentVariable("PATH"),
        ["DOCKER_TLS_VERIFY"] = null,
        ["DOCKER_CERT_PATH"] = null,
        ["DOCKER_CONTEXT"] = null,
    };

    /// <param name="engineHost">The engine the far side's docker CLI dials (a unix:// DOCKER_HOST).</param>
    public static async Task<SshDockerEndpoint> StartAsync(string engineHost)
    {
        var endpoint = new SshDockerEndpoint(FreePort());
        await endpoint.StartSshdAsync(engineHost);
        return endpoint;
    }

    private async Task StartSshdAsync(string engineHost)
    {
        var dir = _directory.FullName;
        await RunAsync("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "godocker-test-host", "-f", Path.Combine(dir, "host"));
        await RunAsync("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "godocker-test-client", "-f", Path.Combine(dir, "client"));
        var hostKey = File.ReadAllText(Path.Combine(dir, "host.pub")).Split(' ');
        File.WriteAllText(Path.Combine(dir, "known_hosts"), $"[127.0.0.1]:{Port} {hostKey[0]} {hostKey[1]}\n");
        var clientKey = File.ReadAllText(Path.Combine(dir, "client.pub")).Trim();
        File.WriteAllText(Path.Combine(dir, "authorized_keys"),
            $"command=\"DOCKER_HOST={engineHost} exec /usr/bin/docker system dial-stdio\",no-port-forwarding,no-X11-forwarding,no-agent-forwarding,no-pty {clientKey}\n");
        var config = Path.Combine(dir, "sshd_config");
        File.WriteAllText(config, $"""
            ListenAddress 127.0.0.1:{Port}
            HostKey {dir}/host
            AuthorizedKeysFile {dir}/authorized_keys
            StrictModes no
            PermitRootLogin forced-commands-only
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            UsePAM no
            PidFile {dir}/sshd.pid
            LogLevel VERBOSE

            """);
        var bin = Directory.CreateDirectory(Path.Combine(dir, "bin")).FullName;
        var wrapper = Path.Combine(bin, "ssh");
        File.WriteAllText(wrapper, $"#!/bin/sh\nexec /usr/bin/ssh -F /dev/null -o IdentitiesOnly=yes -i '{dir}/client' -o UserKnownHostsFile='{dir}/known_hosts' -o StrictHostKeyChecking=yes \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
        }
        Directory.CreateDirectory("/run/sshd"); // sshd's privilege separation directory
        _sshd = Cli.Wrap("/usr/sbin/sshd").WithArguments(["-D", "-e", "-f", config])
            .WithStandardErrorPipe(PipeTarget.ToDelegate(Append)).WithStandardOutputPipe(PipeTarget.ToDelegate(Append))
            .WithValidation(CommandResultValidation.None).ExecuteAsync(_stop.Token).Task;
        for (var i = 0; i < 100 && !CanConnect(); i++)
        {
            if (_sshd.IsCompleted)
            {
                break;
            }
            await Task.Delay(100);
        }
        Assert.True(CanConnect(), "sshd did not listen on 127.0.0.1:" + Port + ":\n" + Log);
    }

    private bool CanConnect()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private void Append(string line)
    {
        lock (_log)
        {
            _log.Append(line).Append('\n');
        }
    }

    private async Task RunAsync(string file, params string[] args)
    {
        var run = await CommandRun.ExecuteAsync(file, args, _directory.FullName);
        Assert.True(run.ExitCode == 0, $"{file}: {run}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_sshd is not null)
        {
            try
            {
                await _sshd;
            }
            catch (OperationCanceledException)
            {
                // Stopped as asked.
            }
        }
        _stop.Dispose();
        _directory.Delete(recursive: true);
    }
}
