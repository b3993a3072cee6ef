using System.Diagnostics;

namespace GoDocker.ProxyGateway.Tests.Infrastructure;

/// <summary>The gateway executable as its own process (so a test can SIGKILL it), killed on dispose whatever happened.</summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "GoDocker.ProxyGateway.dll");

    private readonly System.Text.StringBuilder _output = new();

    private GatewayProcess(Process process, Uri address)
    {
        Process = process;
        Address = address;
    }

    public Process Process { get; }
    public Uri Address { get; }

    /// <summary>What it wrote to stdout after its <c>listening</c> line, so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<GatewayProcess> StartAsync(CancellationToken cancellationToken, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Dll);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        var process = Process.Start(start)!;
        try
        {
            _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
            string? line;
            do
            {
                line = await process.StandardOutput.ReadLineAsync(cancellationToken);
            }
            while (line is not null && !line.StartsWith("listening ", StringComparison.Ordinal));

            if (line is null)
            {
                throw new InvalidOperationException($"the gateway exited ({process.ExitCode}) without printing 'listening'");
            }

            var gateway = new GatewayProcess(process, new Uri(line["listening ".Length..]));
            _ = Task.Run(() => gateway.CollectOutputAsync(), CancellationToken.None);
            return gateway;
        }
        catch
        {
            process.Kill();
            process.Dispose();
            throw;
        }
    }

    private async Task CollectOutputAsync()
    {
        while (await Process.StandardOutput.ReadLineAsync() is { } line)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    /// <summary>SIGKILL: no shutdown, no cleanup, as a crash or an OOM kill.</summary>
    public async Task KillAsync()
    {
        if (!Process.HasExited)
        {
            Process.Kill();
            await Process.WaitForExitAsync();
        }
    }

    /// <summary>SIGSTOP for <paramref name="time"/>, then SIGCONT: a replica not scheduled for a while (VM steal, a paused container).</summary>
    public async Task FreezeAsync(TimeSpan time, CancellationToken cancellationToken)
    {
        await SignalAsync("STOP", cancellationToken);
        try
        {
            await Task.Delay(time, cancellationToken);
        }
        finally
        {
            await SignalAsync("CONT", CancellationToken.None);
        }
    }

    private async Task SignalAsync(string signal, CancellationToken cancellationToken)
    {
        using var kill = Process.Start("kill", ["-" + signal, Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync(cancellationToken);
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {Process.Id} exited {kill.ExitCode}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        Process.Dispose();
    }
}
