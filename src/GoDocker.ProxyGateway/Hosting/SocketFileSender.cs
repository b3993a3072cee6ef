using System.Net.Sockets;
using System.Threading.Tasks.Sources;

namespace GoDocker.ProxyGateway.Hosting;

/// <summary>
/// Sends a response head and a file region on a socket in one awaitable operation, reused per connection. On Linux
/// .NET sends a file element of SendPacketsAsync with sendfile(2): the file's pages go from the page cache to the
/// socket without being copied into the process, as nginx's `sendfile on` does.
/// </summary>
internal sealed class SocketFileSender : SocketAsyncEventArgs, IValueTaskSource<SocketError>
{
    private ManualResetValueTaskSourceCore<SocketError> _source = new() { RunContinuationsAsynchronously = true };

    public SocketFileSender()
        : base(unsafeSuppressExecutionContextFlow: true)
    {
    }

    /// <param name="file">Null sends the head alone (HEAD requests).</param>
    public ValueTask<SocketError> SendAsync(Socket socket, ArraySegment<byte> head, FileStream? file, long length)
    {
        _source.Reset();
        UserToken = socket;
        SendPacketsElements = file is null
            ? [new SendPacketsElement(head.Array!, head.Offset, head.Count)]
            : [new SendPacketsElement(head.Array!, head.Offset, head.Count), new SendPacketsElement(file, 0, checked((int)length), endOfPacket: true)];
        // Corked (nginx's tcp_nopush): the head goes out in the file's first segment, not a packet of its own.
        socket.SetRawSocketOption(IpProtocolTcp, TcpCork, Corked);
        if (socket.SendPacketsAsync(this))
        {
            return new ValueTask<SocketError>(this, _source.Version);
        }

        Uncork(socket);
        return new ValueTask<SocketError>(SocketError);
    }

    private const int IpProtocolTcp = 6;
    private const int TcpCork = 3;
    private static ReadOnlySpan<byte> Corked => [1, 0, 0, 0];
    private static ReadOnlySpan<byte> Uncorked => [0, 0, 0, 0];

    private static void Uncork(Socket socket)
    {
        try
        {
            socket.SetRawSocketOption(IpProtocolTcp, TcpCork, Uncorked);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
    }

    protected override void OnCompleted(SocketAsyncEventArgs e)
    {
        Uncork((Socket)e.UserToken!);
        _source.SetResult(e.SocketError);
    }

    SocketError IValueTaskSource<SocketError>.GetResult(short token) => _source.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<SocketError>.GetStatus(short token) => _source.GetStatus(token);

    void IValueTaskSource<SocketError>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _source.OnCompleted(continuation, state, token, flags);
}
