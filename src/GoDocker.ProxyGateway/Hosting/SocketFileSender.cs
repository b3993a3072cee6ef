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
    public ValueTask<SocketError> SendAsync(Socket socket, byte[] head, FileStream? file, long length)
    {
        _source.Reset();
        SendPacketsElements = file is null
            ? [new SendPacketsElement(head)]
            : [new SendPacketsElement(head), new SendPacketsElement(file, 0, checked((int)length), endOfPacket: true)];
        return socket.SendPacketsAsync(this) ? new ValueTask<SocketError>(this, _source.Version) : new ValueTask<SocketError>(SocketError);
    }

    protected override void OnCompleted(SocketAsyncEventArgs e) => _source.SetResult(e.SocketError);

    SocketError IValueTaskSource<SocketError>.GetResult(short token) => _source.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<SocketError>.GetStatus(short token) => _source.GetStatus(token);

    void IValueTaskSource<SocketError>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _source.OnCompleted(continuation, state, token, flags);
}
