using System.Net;
using System.Net.Sockets;
using CliWrap;

namespace GoDocker.Sdk.Tests.Infrastructure;

/// <summary>
/// Git over SSH as a private Git host serves it: the real OpenSSH sshd on its own loopback address and port 22, one
/// key allowed, and that key bound by authorized_keys to a forced command that serves only <c>git-upload-pack</c> of
/// the repositories given (as gitolite and Gitea do). The key is held by an ssh-agent of the test, the way a
/// developer or CI job forwards it with <c>docker build --ssh default</c>.
/// </summary>
public sealed class TestSshGitServer : IAsyncDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("godocker-sshd-");
    private readonly CancellationTokenSource _stop = new();
    private readonly System.Text.StringBuilder _log = new();
    private Task? _sshd;
    private Task? _agent;

    private TestSshGitServer(IPAddress address) => Address = address;

    public IPAddress Address { get; }

    /// <summary>The SSH_AUTH_SOCK of the agent holding the client key.</summary>
    public string AgentSocket => Path.Combine(_directory.FullName, "agent.sock");

    /// <summary>A known_hosts file with the server's host key, for the GoBuildSecret KnownHosts metadata.</summary>
    public string KnownHostsPath => Path.Combine(_directory.FullName, "known_hosts");

    /// <summary>A known_hosts line naming this host with another key, as after a key change or with an interceptor.</summary>
    public string ForeignKnownHostsLine
    {
        get
        {
            var other = File.ReadAllText(Path.Combine(_directory.FullName, "client.pub")).Split(' ');
            return $"{Address} {other[0]} {other[1]}\n";
        }
    }

    /// <summary>The client's private key file text: the secret that must reach no image or log.</summary>
    public string PrivateKeyText => File.ReadAllText(Path.Combine(_directory.FullName, "client"));

    /// <summary>The commands the forced command served, one line each (e.g. <c>git-upload-pack '/team/m.git'</c>).</summary>
    public IReadOnlyList<string> ServedCommands
    {
        get
        {
            var log = Path.Combine(_directory.FullName, "served.log");
            return File.Exists(log) ? File.ReadAllLines(log) : [];
        }
    }

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

    public static async Task<TestSshGitServer> StartAsync(IPAddress address, string repositoriesRoot)
    {
        var server = new TestSshGitServer(address);
        await server.StartAsync(repositoriesRoot);
        return server;
    }

    private async Task StartAsync(string repositoriesRoot)
    {
        var dir = _directory.FullName;
        await RunAsync("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "godocker-test-host", "-f", Path.Combine(dir, "host"));
        await RunAsync("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "godocker-test-client", "-f", Path.Combine(dir, "client"));
        var hostKey = File.ReadAllText(Path.Combine(dir, "host.pub")).Split(' ');
        File.WriteAllText(KnownHostsPath, $"{Address} {hostKey[0]} {hostKey[1]}\n");

        // SSH_ORIGINAL_COMMAND is e.g. git-upload-pack '/team/m.git'; anything else is refused.
        var serve = Path.Combine(dir, "serve.sh");
        File.WriteAllText(serve, $$"""
            echo "$SSH_ORIGINAL_COMMAND" >> '{{dir}}/served.log'
            case "$SSH_ORIGINAL_COMMAND" in
              "git-upload-pack '/"*"'") repo=${SSH_ORIGINAL_COMMAND#git-upload-pack \'} ; repo=${repo%\'} ;;
              *) echo "this host only serves git-upload-pack" >&2 ; exit 1 ;;
            esac
            case "$repo" in *..*) echo "no" >&2 ; exit 1 ;; esac
            exec git-upload-pack '{{repositoriesRoot}}'"$repo"
            """.Replace("\r", ""));
        var clientKey = File.ReadAllText(Path.Combine(dir, "client.pub")).Trim();
        File.WriteAllText(Path.Combine(dir, "authorized_keys"),
            $"command=\"/bin/sh {serve}\",no-port-forwarding,no-X11-forwarding,no-agent-forwarding,no-pty {clientKey}\n");
        var config = Path.Combine(dir, "sshd_config");
        File.WriteAllText(config, $"""
            ListenAddress {Address}:22
            HostKey {dir}/host
            AuthorizedKeysFile {dir}/authorized_keys
            StrictModes no
            PermitRootLogin forced-commands-only
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            UsePAM no
            AcceptEnv GIT_PROTOCOL
            PidFile {dir}/sshd.pid
            LogLevel VERBOSE

            """);
        Directory.CreateDirectory("/run/sshd"); // sshd's privilege separation directory
        _sshd = Cli.Wrap("/usr/sbin/sshd").WithArguments(["-D", "-e", "-f", config])
            .WithStandardErrorPipe(PipeTarget.ToDelegate(Append)).WithStandardOutputPipe(PipeTarget.ToDelegate(Append))
            .WithValidation(CommandResultValidation.None).ExecuteAsync(_stop.Token).Task;
        await WaitForAsync(() => CanConnect(Address, 22), "sshd to listen on " + Address + ":22");

        _agent = Cli.Wrap("ssh-agent").WithArguments(["-D", "-a", AgentSocket])
            .WithStandardErrorPipe(PipeTarget.ToDelegate(Append)).WithStandardOutputPipe(PipeTarget.Null)
            .WithValidation(CommandResultValidation.None).ExecuteAsync(_stop.Token).Task;
        await WaitForAsync(() => File.Exists(AgentSocket), "ssh-agent to open its socket");
        var add = await CommandRun.ExecuteAsync("ssh-add", [Path.Combine(dir, "client")], dir,
            new Dictionary<string, string?> { ["SSH_AUTH_SOCK"] = AgentSocket });
        Assert.True(add.ExitCode == 0, "ssh-add: " + add);
    }

    private void Append(string line)
    {
        lock (_log)
        {
            _log.Append(line).Append('\n');
        }
    }

    private async Task WaitForAsync(Func<bool> ready, string what)
    {
        for (var i = 0; i < 100; i++)
        {
            if (ready())
            {
                return;
            }
            if (_sshd is { IsCompleted: true } || _agent is { IsCompleted: true })
            {
                break;
            }
            await Task.Delay(100);
        }
        Assert.Fail($"timed out waiting for {what}:\n{Log}");
    }

    private static bool CanConnect(IPAddress address, int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(address, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private async Task RunAsync(string file, params string[] args)
    {
        var run = await CommandRun.ExecuteAsync(file, args, _directory.FullName);
        Assert.True(run.ExitCode == 0, $"{file}: {run}");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (var task in new[] { _sshd, _agent })
        {
            if (task is not null)
            {
                try
                {
                    await task;
                }
                catch (OperationCanceledException)
                {
                    // Cancelling is how both are stopped.
                }
            }
        }
        _stop.Dispose();
        _directory.Delete(recursive: true);
    }
}
