using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace GoDocker.ProxyGateway.Coordination;

/// <summary>
/// One RESP2 connection to Redis: commands as arrays of bulk strings, one at a time (a command waits for the previous
/// answer). Replies are strings, longs, null, arrays (object?[]) or a <see cref="RespErrorException"/>. Any socket
/// trouble is an <see cref="IOException"/> and leaves the connection unusable; the caller makes a new one.
/// </summary>
public sealed class RespConnection : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly BufferedStream _stream;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private RespConnection(TcpClient client)
    {
        _client = client;
        _stream = new BufferedStream(client.GetStream(), 16384);
    }

    /// <exception cref="IOException">Redis cannot be reached within <paramref name="timeout"/>.</exception>
    public static async Task<RespConnection> ConnectAsync(string host, int port, int database, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var client = new TcpClient { NoDelay = true };
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            await client.ConnectAsync(host, port, cts.Token);
            var connection = new RespConnection(client);
            if (database != 0)
            {
                await connection.CommandAsync(cts.Token, "SELECT", database.ToString(CultureInfo.InvariantCulture));
            }

            return connection;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            client.Dispose();
            throw new IOException(e is OperationCanceledException ? $"no answer within {timeout.TotalSeconds:0.#}s" : e.Message, e);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Sends one command and reads its reply.</summary>
    public async Task<object?> CommandAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await SendAsync(arguments, cancellationToken);
            return await ReadReplyAsync(cancellationToken);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            throw new IOException(e.Message, e);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Sends a command without reading a reply (SUBSCRIBE: the replies arrive as pushed messages).</summary>
    public async Task SendAsync(string[] arguments, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        text.Append('*').Append(arguments.Length).Append("\r\n");
        foreach (var argument in arguments)
        {
            text.Append('$').Append(Encoding.UTF8.GetByteCount(argument)).Append("\r\n").Append(argument).Append("\r\n");
        }

        await _stream.WriteAsync(Encoding.UTF8.GetBytes(text.ToString()), cancellationToken);
        await _stream.FlushAsync(cancellationToken);
    }

    /// <summary>Reads one reply (or one pushed message of a subscribed connection).</summary>
    public async Task<object?> ReadReplyAsync(CancellationToken cancellationToken)
    {
        var line = await ReadLineAsync(cancellationToken);
        var rest = line[1..];
        switch (line[0])
        {
            case '+':
                return rest;
            case '-':
                throw new RespErrorException(rest);
            case ':':
                return long.Parse(rest, CultureInfo.InvariantCulture);
            case '$':
            {
                var length = int.Parse(rest, CultureInfo.InvariantCulture);
                if (length < 0)
                {
                    return null;
                }

                var bytes = new byte[length + 2];
                await _stream.ReadExactlyAsync(bytes, cancellationToken);
                return Encoding.UTF8.GetString(bytes, 0, length);
            }

            case '*':
            {
                var count = int.Parse(rest, CultureInfo.InvariantCulture);
                if (count < 0)
                {
                    return null;
                }

                var items = new object?[count];
                for (var i = 0; i < count; i++)
                {
                    items[i] = await ReadReplyAsync(cancellationToken);
                }

                return items;
            }

            default:
                throw new IOException($"unexpected reply from Redis: '{line}'");
        }
    }

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        var bytes = new List<byte>(64);
        var one = new byte[1];
        while (true)
        {
            if (await _stream.ReadAsync(one, cancellationToken) == 0)
            {
                throw new IOException("Redis closed the connection");
            }

            if (one[0] == '\n' && bytes.Count > 0 && bytes[^1] == '\r')
            {
                bytes.RemoveAt(bytes.Count - 1);
                return bytes.Count > 0 ? Encoding.UTF8.GetString(bytes.ToArray()) : throw new IOException("empty reply line from Redis");
            }

            bytes.Add(one[0]);
        }
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
