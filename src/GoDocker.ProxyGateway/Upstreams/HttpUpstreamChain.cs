using GoDocker.Core.Credentials;
using System.Net;
using Microsoft.Extensions.Logging;

namespace GoDocker.ProxyGateway.Upstreams;

/// <summary>
/// Tries upstreams in order with the go command's rules: after ',' only 404/410 moves on to the next entry,
/// after '|' any error does. Each upstream has its own timeout, which also covers reading the body.
/// </summary>
public sealed class HttpUpstreamChain(HttpClient http, IReadOnlyList<UpstreamEndpoint> endpoints, NetrcCredentials credentials, ILogger logger) : IUpstreamFetcher
{
    public IReadOnlyList<UpstreamEndpoint> Endpoints { get; } = endpoints;

    public async Task<UpstreamAnswer> FetchAsync(string relativeUrl, CancellationToken cancellationToken)
    {
        if (Endpoints.Count == 0)
        {
            return UpstreamAnswer.NotFound("no upstream configured", null);
        }

        UpstreamAnswer? last = null;
        for (var i = 0; i < Endpoints.Count; i++)
        {
            var endpoint = Endpoints[i];
            last?.Dispose();
            var rest = endpoint.FallBackOnAnyError && i + 1 < Endpoints.Count ? new HttpUpstreamChain(http, Endpoints.Skip(i + 1).ToArray(), credentials, logger) : null;
            last = await FetchOneAsync(endpoint, relativeUrl, rest, cancellationToken);
            if (last.Status == UpstreamAnswerStatus.Ok)
            {
                return last;
            }

            if (last.Status == UpstreamAnswerStatus.Failed && !endpoint.FallBackOnAnyError)
            {
                return last;
            }
        }

        return last!;
    }

    private async Task<UpstreamAnswer> FetchOneAsync(UpstreamEndpoint endpoint, string relativeUrl, IUpstreamFetcher? rest, CancellationToken cancellationToken)
    {
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(endpoint.EffectiveTimeout);
        var url = endpoint.Resolve(relativeUrl);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Authorization = credentials.HeaderFor(endpoint.BaseUrl);
            var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (response.StatusCode == HttpStatusCode.OK && UnaskedEncoding(response) is { } encoding)
            {
                // The handler decodes what it asked for and drops the header; anything left would be cached encoded.
                response.Dispose();
                timeout.Dispose();
                logger.LogWarning("Upstream {Upstream} sent Content-Encoding {Encoding} for {Path}", endpoint.Display, encoding, relativeUrl);
                return UpstreamAnswer.Failed($"{endpoint.Display}/{relativeUrl}: answered with Content-Encoding '{encoding}', which the gateway did not ask for", endpoint.Display);
            }

            if (response.StatusCode == HttpStatusCode.OK)
            {
                var body = await response.Content.ReadAsStreamAsync(timeout.Token);
                return UpstreamAnswer.Ok(new TimeoutBoundStream(body, response, timeout, endpoint), endpoint.Display, fallback: rest);
            }

            var text = await ReadShortBodyAsync(response, timeout.Token);
            response.Dispose();
            timeout.Dispose();
            var message = $"{endpoint.Display}/{relativeUrl}: {(int)response.StatusCode} {response.ReasonPhrase}{(text.Length > 0 ? ": " + text : "")}";
            logger.LogDebug("Upstream {Upstream} answered {Status} for {Path}", endpoint.Display, (int)response.StatusCode, relativeUrl);
            return response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone
                ? UpstreamAnswer.NotFound(message, endpoint.Display)
                : UpstreamAnswer.Failed(message, endpoint.Display);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            timeout.Dispose();
            logger.LogWarning("Upstream {Upstream} timed out after {Timeout} for {Path}", endpoint.Display, endpoint.EffectiveTimeout, relativeUrl);
            return UpstreamAnswer.Failed($"{endpoint.Display}/{relativeUrl}: no answer within {endpoint.EffectiveTimeout.TotalSeconds:0.#}s", endpoint.Display, timedOut: true);
        }
        catch (HttpRequestException e)
        {
            timeout.Dispose();
            logger.LogWarning("Upstream {Upstream} failed for {Path}: {Error}", endpoint.Display, relativeUrl, e.Message);
            return UpstreamAnswer.Failed($"{endpoint.Display}/{relativeUrl}: {e.Message}", endpoint.Display);
        }
    }

    private static string? UnaskedEncoding(HttpResponseMessage response) =>
        response.Content.Headers.ContentEncoding.FirstOrDefault(e => !e.Equals("identity", StringComparison.OrdinalIgnoreCase)) is { } encoding
            ? (encoding.Length > 40 ? encoding[..40] : encoding)
            : null;

    private static async Task<string> ReadShortBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            text = text.Trim();
            return text.Length > 300 ? text[..300] + "…" : text;
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return "";
        }
    }

    /// <summary>Keeps the response and the per-upstream timeout alive while the body is read.</summary>
    private sealed class TimeoutBoundStream(Stream inner, HttpResponseMessage response, CancellationTokenSource timeout, UpstreamEndpoint endpoint) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                return await inner.ReadAsync(buffer, linked.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException && timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new UpstreamBodyTimeoutException($"upstream {endpoint.Display} did not finish sending it within {endpoint.EffectiveTimeout.TotalSeconds:0.#}s", e);
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                response.Dispose();
                timeout.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
