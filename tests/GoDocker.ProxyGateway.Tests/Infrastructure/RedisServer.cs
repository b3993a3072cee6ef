using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using GoDocker.ProxyGateway.Coordination;

namespace GoDocker.ProxyGateway.Tests.Infrastructure;

/// <summary>
/// A real redis-server (Debian's) on 127.0.0.1, a free port, its own data folder and no persistence; stopped and
/// started again on the same port by fault tests.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    public const string Binary = "/usr/bin/redis-server";

    private readonly string _folder;
    private Process? _process;

    private RedisServer(string folder, int port)
    {
        _folder = folder;
        Port = port;
    }

    public int Port { get; }
    public string Url => $"redis://127.0.0.1:{Port}";
    public CoordinationAddress Address => CoordinationAddress.Parse(Url);

    public static void SkipIfMissing()
    {
        if (!File.Exists(Binary))
        {
            if (Environment.GetEnvironmentVariable("GODOCKER_REQUIRE_DOCKER") == "1")
            {
                Assert.Fail($"{Binary} is required (GODOCKER_REQUIRE_DOCKER=1) but missing; build/docker-setup.sh installs it");
            }

            Assert.Skip($"{Binary} is not installed; build/docker-setup.sh installs redis-server");
        }
    }

    public static async Task<RedisServer> StartAsync(string folder)
    {
        SkipIfMissing();
        Directory.CreateDirectory(folder);
        var server = new RedisServer(folder, FreePort());
        await server.StartAgainAsync();
        return server;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task StartAgainAsync()
    {
        var config = Path.Combine(_folder, "redis.conf");
        File.WriteAllText(config, $"bind 127.0.0.1\nport {Port}\ndir {_folder}\nsave \"\"\nappendonly no\ndaemonize no\nprotected-mode yes\nlogfile {Path.Combine(_folder, "redis.log")}\n");
        _process = Process.Start(new ProcessStartInfo(Binary, config) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                await using var connection = await RespConnection.ConnectAsync("127.0.0.1", Port, 0, TimeSpan.FromSeconds(1), CancellationToken.None);
                if (await connection.CommandAsync(CancellationToken.None, "PING") as string == "PONG")
                {
                    return;
                }
            }
            catch (IOException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>Kills the server (its data goes with it: no persistence), as a crash or a restart would.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public async Task<object?> CommandAsync(params string[] arguments)
    {
        await using var connection = await RespConnection.ConnectAsync("127.0.0.1", Port, 0, TimeSpan.FromSeconds(2), CancellationToken.None);
        return await connection.CommandAsync(CancellationToken.None, arguments);
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
