using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace GoDocker.Core.Tests.Verification;

/// <summary>A real Debian tinyproxy on 127.0.0.1 with a temporary config, stopped and cleaned up on dispose.</summary>
internal sealed class Tinyproxy : IDisposable
{
    private const string Executable = "/usr/bin/tinyproxy";
    private readonly Process process;
    private readonly string directory;

    private Tinyproxy(Process process, string directory, int port)
    {
        this.process = process;
        this.directory = directory;
        Port = port;
    }

    public int Port { get; }

    public Uri Url => new($"http://127.0.0.1:{Port}");

    public static bool IsInstalled => File.Exists(Executable);

    /// <param name="connectPorts">When given, CONNECT is allowed to these ports only; tinyproxy answers 403 otherwise.</param>
    public static async Task<Tinyproxy> StartAsync(params int[] connectPorts)
    {
        var directory = Directory.CreateTempSubdirectory("godocker-tinyproxy-").FullName;
        var port = FreePort();
        var config = Path.Combine(directory, "tinyproxy.conf");
        var lines = new List<string>
        {
            $"Port {port}",
            "Listen 127.0.0.1",
            "Timeout 30",
            "MaxClients 20",
            "LogLevel Info",
            $"LogFile \"{Path.Combine(directory, "tinyproxy.log")}\"",
            $"PidFile \"{Path.Combine(directory, "tinyproxy.pid")}\"",
            "Allow 127.0.0.1",
        };
        lines.AddRange(connectPorts.Select(p => $"ConnectPort {p}"));
        await File.WriteAllLinesAsync(config, lines);

        var process = Process.Start(new ProcessStartInfo(Executable, ["-d", "-c", config])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        var proxy = new Tinyproxy(process, directory, port);
        var ready = Stopwatch.StartNew();
        while (ready.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (process.HasExited)
            {
                var error = await process.StandardError.ReadToEndAsync();
                proxy.Dispose();
                throw new InvalidOperationException($"tinyproxy exited with {process.ExitCode}: {error}");
            }
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return proxy;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
        proxy.Dispose();
        throw new TimeoutException("tinyproxy did not start listening within 10 s");
    }

    private static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit(5000);
        }
        process.Dispose();
        Directory.Delete(directory, recursive: true);
    }
}
