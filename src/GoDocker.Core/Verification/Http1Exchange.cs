using System.Globalization;
using System.Text;

namespace GoDocker.Core.Verification;

/// <summary>
/// A deliberately small HTTP/1.1 client over a stream the probe already opened, so DNS, TCP, CONNECT, TLS and HTTP
/// are timed on one connection instead of hidden inside HttpClient.
/// </summary>
internal static class Http1Exchange
{
    private const int MaxHeaderBytes = 64 * 1024;
    private const int MaxBodyBytes = 256 * 1024;

    public static async Task<HttpAnswer> SendAsync(Stream stream, string method, string target, string host, CancellationToken cancellationToken)
    {
        var request = $"{method} {target} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: godocker-verify\r\nAccept: */*\r\n" +
                      (method == "CONNECT" ? "" : "Connection: close\r\n") + "\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);

        var (status, reason, headers) = await ReadHeadAsync(stream, cancellationToken).ConfigureAwait(false);
        // After a successful CONNECT the stream belongs to the tunnel: read nothing more.
        if (method == "CONNECT" && status is >= 200 and < 300)
        {
            return new HttpAnswer(status, reason, headers, "");
        }
        var body = method == "HEAD" ? "" : await ReadBodyAsync(stream, headers, cancellationToken).ConfigureAwait(false);
        return new HttpAnswer(status, reason, headers, body);
    }

    private static async Task<(int Status, string Reason, Dictionary<string, string> Headers)> ReadHeadAsync(Stream stream, CancellationToken cancellationToken)
    {
        // Byte by byte so that nothing past the blank line is consumed (it may be the tunnelled TLS handshake).
        var head = new List<byte>(512);
        var one = new byte[1];
        while (head.Count < 4 || !(head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
        {
            if (await stream.ReadAsync(one, cancellationToken).ConfigureAwait(false) == 0)
            {
                throw new IOException(head.Count == 0 ? "the server closed the connection without answering" : "the server closed the connection in the middle of its answer");
            }
            head.Add(one[0]);
            if (head.Count > MaxHeaderBytes)
            {
                throw new IOException("the answer's headers are too long");
            }
        }

        var lines = Encoding.Latin1.GetString(head.ToArray()).Split("\r\n");
        var statusLine = lines[0].Split(' ', 3);
        if (statusLine.Length < 2 || !statusLine[0].StartsWith("HTTP/", StringComparison.Ordinal) ||
            !int.TryParse(statusLine[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
        {
            throw new IOException($"the answer is not HTTP: '{lines[0]}'");
        }
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            if (colon > 0)
            {
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }
        return (status, statusLine.Length > 2 ? statusLine[2] : "", headers);
    }

    private static async Task<string> ReadBodyAsync(Stream stream, IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        long? length = headers.TryGetValue("Content-Length", out var text) && long.TryParse(text, out var parsed) ? parsed : null;
        var chunked = headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase);
        while (buffer.Length < MaxBodyBytes && (length is null || buffer.Length < length) && !(chunked && EndsWithLastChunk(buffer)))
        {
            int read;
            try
            {
                read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException) when (buffer.Length > 0)
            {
                break; // Servers that close without a TLS close_notify still gave us the body.
            }
            if (read == 0)
            {
                break;
            }
            buffer.Write(chunk, 0, read);
        }
        var body = Encoding.UTF8.GetString(buffer.ToArray());
        return chunked ? Unchunk(body) : body;
    }

    // A server that keeps the connection open after a chunked body would otherwise hold the phase until its timeout.
    private static bool EndsWithLastChunk(MemoryStream buffer)
    {
        var data = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        return data.EndsWith("\r\n0\r\n\r\n"u8) || (data.Length == 5 && data.SequenceEqual("0\r\n\r\n"u8));
    }

    private static string Unchunk(string body)
    {
        var result = new StringBuilder();
        var position = 0;
        while (position < body.Length)
        {
            var lineEnd = body.IndexOf("\r\n", position, StringComparison.Ordinal);
            if (lineEnd < 0 || !int.TryParse(body.AsSpan(position, lineEnd - position).ToString().Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var size) || size == 0)
            {
                break;
            }
            var start = lineEnd + 2;
            result.Append(body, start, Math.Min(size, body.Length - start));
            position = start + size + 2;
        }
        return result.ToString();
    }
}
