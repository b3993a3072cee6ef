using System.Net.Sockets;
using System.Text;

namespace GoDocker.ProxyGateway.Tests.Infrastructure;

/// <summary>One TCP connection that sends request bytes exactly as given and reads responses by Content-Length.</summary>
internal sealed class RawHttpConnection : IDisposable
{
    private readonly TcpClient _client = new();
    private readonly List<byte> _pending = [];
    private NetworkStream _stream = null!;

    public static async Task<RawHttpConnection> OpenAsync(Uri address, CancellationToken cancellationToken)
    {
        var connection = new RawHttpConnection();
        await connection._client.ConnectAsync(address.Host, address.Port, cancellationToken);
        connection._stream = connection._client.GetStream();
        return connection;
    }

    public Task SendAsync(string request, CancellationToken cancellationToken) =>
        _stream.WriteAsync(Encoding.Latin1.GetBytes(request), cancellationToken).AsTask();

    /// <summary>The next response; null when the server closed the connection before sending one.</summary>
    public async Task<RawHttpResponse?> ReadResponseAsync(bool toHead, CancellationToken cancellationToken)
    {
        int end;
        while ((end = IndexOfEndOfHead()) < 0)
        {
            if (!await FillAsync(cancellationToken))
            {
                return null;
            }
        }

        var head = Encoding.Latin1.GetString(_pending.GetRange(0, end).ToArray());
        _pending.RemoveRange(0, end + 4);
        var lines = head.Split("\r\n");
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).Select(p => (Name: p[0].Trim(), Value: p[1].Trim())).ToList();
        var length = headers.Where(h => h.Name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)).Select(h => long.Parse(h.Value)).FirstOrDefault();
        var status = int.Parse(lines[0].Split(' ')[1]);
        var bodyLength = toHead || status is 204 or 304 ? 0 : length;
        while (_pending.Count < bodyLength)
        {
            if (!await FillAsync(cancellationToken))
            {
                throw new IOException($"connection closed after {_pending.Count} of {bodyLength} body bytes");
            }
        }

        var body = _pending.GetRange(0, (int)bodyLength).ToArray();
        _pending.RemoveRange(0, (int)bodyLength);
        return new RawHttpResponse(lines[0], headers, body);
    }

    /// <summary>True when the server closes the connection (after reading whatever it still sends).</summary>
    public async Task<bool> IsClosedByServerAsync(TimeSpan within, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(within);
        try
        {
            while (await FillAsync(timeout.Token))
            {
            }

            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    private int IndexOfEndOfHead()
    {
        for (var i = 0; i + 3 < _pending.Count; i++)
        {
            if (_pending[i] == '\r' && _pending[i + 1] == '\n' && _pending[i + 2] == '\r' && _pending[i + 3] == '\n')
            {
                return i;
            }
        }

        return -1;
    }

    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[65536];
        var read = await _stream.ReadAsync(buffer, cancellationToken);
        _pending.AddRange(buffer.AsSpan(0, read).ToArray());
        return read > 0;
    }

    public void Dispose() => _client.Dispose();
}

internal sealed record RawHttpResponse(string StatusLine, IReadOnlyList<(string Name, string Value)> Headers, byte[] Body)
{
    public int Status => int.Parse(StatusLine.Split(' ')[1]);

    public string? Header(string name) => Headers.Where(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();

    /// <summary>Status line, headers (sorted, names lowercased, Date left out: it changes by the second) and body, for comparing two servers.</summary>
    public string Comparable() =>
        StatusLine + "\n" + string.Join("\n", Headers.Where(h => !h.Name.Equals("Date", StringComparison.OrdinalIgnoreCase))
            .Select(h => h.Name.ToLowerInvariant() + ": " + h.Value).Order(StringComparer.Ordinal)) + "\n" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Body));
}
