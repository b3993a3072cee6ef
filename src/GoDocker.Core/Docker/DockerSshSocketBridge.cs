using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Docker;

/// <summary>
/// A private unix socket in front of an ssh:// engine, for the engine API client (which has no ssh transport): each
/// connection to it is carried by its own <c>ssh … docker system dial-stdio</c>, as the docker CLI reaches the engine.
/// Disposing closes the socket, ends every ssh process and deletes the folder.
/// </summary>
public sealed class DockerSshSocketBridge : IAsyncDisposable
{
    private readonly DockerSshEngineClient _ssh;
    private readonly TimeSpan _timeout;
    private readonly string _folder;
    private readonly Socket _listener;
    private readonly StringBuilder _stderr = new();
    private readonly List<Process> _processes = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    private DockerSshSocketBridge(DockerEndpoint endpoint, TimeSpan timeout)
    {
        _ssh = new DockerSshEngineClient(endpoint);
        _timeout = timeout;
        // CreateTempSubdirectory makes the folder 0700: no other user can connect to the engine through it.
        _folder = Directory.CreateTempSubdirectory("godocker-ssh-").FullName;
        var path = Path.Combine(_folder, "engine.sock");
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(path));
        _listener.Listen(16);
        Endpoint = new DockerEndpoint(new Uri("unix://" + path));
        _accepting = AcceptAsync();
    }

    /// <summary>The unix:// endpoint an API client connects to.</summary>
    public DockerEndpoint Endpoint { get; }

    public static DockerSshSocketBridge Start(DockerEndpoint endpoint, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return endpoint.IsSsh ? new DockerSshSocketBridge(endpoint, timeout) : throw new ArgumentException("not an ssh:// endpoint", nameof(endpoint));
    }

    /// <summary>GD5012 for a request through the bridge that failed, with ssh's last words where it said any.</summary>
    public Diagnostic Explain(Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }
        return _ssh.Failed(null, _stderr, e.Message);
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await _listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = CarryAsync(connection);
        }
    }

    /// <summary>Pumps one connection through its own ssh process until either side ends.</summary>
    private async Task CarryAsync(Socket connection)
    {
        using var network = new NetworkStream(connection, ownsSocket: true);
        Process process;
        try
        {
            process = _ssh.StartDialStdio(_timeout, _stderr);
        }
        catch (Exception e) when (e is IOException or System.ComponentModel.Win32Exception)
        {
            lock (_stderr)
            {
                _stderr.AppendLine(e.Message);
            }
            return;
        }
        lock (_processes)
        {
            _processes.Add(process);
        }
        using var engine = new ProcessDuplexStream(process);
        try
        {
            _ = CopyThenCloseAsync(network, process.StandardInput.BaseStream);
            // The engine's side ends the exchange; the client's end alone does not (it may only have finished writing).
            await process.StandardOutput.BaseStream.CopyToAsync(network, _stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Either side went away: closing both below is all there is to do.
        }
        finally
        {
            lock (_processes)
            {
                _processes.Remove(process);
            }
        }
    }

    private async Task CopyThenCloseAsync(Stream from, Stream to)
    {
        try
        {
            await from.CopyToAsync(to, _stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // The client or ssh went away; the other direction notices it too.
        }
        finally
        {
            try
            {
                to.Close();
            }
            catch (IOException)
            {
                // ssh already exited.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        await _accepting.ConfigureAwait(false);
        Process[] running;
        lock (_processes)
        {
            running = [.. _processes];
        }
        foreach (var process in running)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Exited in between.
            }
        }
        _stop.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless; the socket in it is closed.
        }
    }
}
