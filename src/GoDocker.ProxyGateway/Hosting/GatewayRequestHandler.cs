using System.IO.Pipelines;
using GoDocker.ProxyGateway.Cache;
using GoDocker.ProxyGateway.ChecksumDatabase;
using GoDocker.ProxyGateway.Protocol;
using GoDocker.ProxyGateway.Serving;
using GoDocker.ProxyGateway.Upstreams;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace GoDocker.ProxyGateway.Hosting;

/// <summary>
/// The gateway's only HTTP endpoint: dispatches on the raw request path (never the decoded one, so encoded
/// slashes and dot segments cannot sneak through), and turns every failure into a status in one place.
/// </summary>
public sealed class GatewayRequestHandler(ModuleFileService files, ChecksumDatabaseProxy sumdb, Func<long> cachedBytes, RequestAdmission admission, GatewayMetrics metrics, ILogger logger)
{
    private const string SumdbPrefix = "/sumdb/";
    private const int BlobChunk = 65536;

    public async Task HandleAsync(HttpContext context)
    {
        var response = context.Response;

        // Methods are case-sensitive (RFC 9110): "get" is not GET, whatever HttpMethods.IsGet says.
        if (context.Request.Method is not ("GET" or "HEAD"))
        {
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            response.Headers.Allow = "GET, HEAD";
            return;
        }

        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "/";
        var query = raw.IndexOf('?');
        var path = query < 0 ? raw : raw[..query];
        try
        {
            switch (path)
            {
                case "/healthz":
                    await WriteTextAsync(context, 200, "ok\n", "text/plain; charset=utf-8");
                    return;
                case "/metrics":
                    await WriteTextAsync(context, 200, metrics.Render(cachedBytes()), "text/plain; version=0.0.4; charset=utf-8");
                    return;
            }

            if (!admission.TryEnter())
            {
                metrics.Shed();
                response.Headers.RetryAfter = "1";
                throw new GatewayFailureException(new GatewayFailure(GatewayFailureKind.Unavailable,
                    $"the gateway is busy ({admission.MaxInProgress} requests in progress); retry"));
            }

            try
            {
                await AnswerModuleRequestAsync(context, path);
            }
            finally
            {
                admission.Leave();
            }
        }
        catch (GatewayFailureException e)
        {
            await WriteFailureAsync(context, e.Failure);
        }
        catch (Exception e) when (TransferErrors.IsClientGone(e, context.RequestAborted))
        {
            // The client went away; nothing to answer.
        }
    }

    private async Task AnswerModuleRequestAsync(HttpContext context, string path)
    {
        var response = context.Response;

        if (path.StartsWith(SumdbPrefix, StringComparison.Ordinal))
        {
            var sumdbPath = path[SumdbPrefix.Length..];
            if (path.Length > ModuleRequestParser.MaxPathLength || ModuleRequestParser.PercentDecode(ref sumdbPath) is { } problem)
            {
                throw new GatewayFailureException(GatewayFailure.BadRequest("malformed checksum database path"));
            }

            var answer = await sumdb.AnswerAsync(sumdbPath, context.RequestAborted);
            response.StatusCode = answer.Status;
            response.ContentType = answer.ContentType;
            response.ContentLength = answer.Body.Length;
            if (!HttpMethods.IsHead(context.Request.Method))
            {
                await response.Body.WriteAsync(answer.Body, context.RequestAborted);
            }
            return;
        }

        if (!ModuleTarget.TryParse(path, out var snapshot, out var request, out var failure))
        {
            throw new GatewayFailureException(failure);
        }

        await using var served = await files.GetAsync(request, snapshot, context.RequestAborted);
        response.StatusCode = 200;
        response.ContentType = served.Kind.ContentType();
        if (served.Length is { } length)
        {
            response.ContentLength = length;
        }

        if (served.Blob is { } blob)
        {
            response.Headers.ETag = blob.ETag;
        }

        if (!HttpMethods.IsHead(context.Request.Method))
        {
            if (served.Blob is { } held)
            {
                await WriteBlobAsync(held, response.BodyWriter, context.RequestAborted);
            }
            else
            {
                await served.Content!.CopyToAsync(response.Body, BlobChunk, context.RequestAborted);
            }

            metrics.BytesServed(served.Length ?? 0);
        }
    }

    /// <summary>
    /// Reads a held blob straight into Kestrel's output buffers (one pread per chunk: no open, no stream, no copy
    /// through a buffer of our own) and flushes per chunk, so a slow client holds back at most one chunk.
    /// </summary>
    private static async Task WriteBlobAsync(OpenBlob blob, PipeWriter writer, CancellationToken cancellationToken)
    {
        long offset = 0;
        while (offset < blob.Length)
        {
            var chunk = (int)Math.Min(blob.Length - offset, BlobChunk);
            var memory = writer.GetMemory(chunk);
            var read = blob.Read(offset, memory.Span[..Math.Min(chunk, memory.Length)]);
            if (read == 0)
            {
                throw new IOException($"blob {blob.Sha256} ended at {offset} of {blob.Length} bytes");
            }

            writer.Advance(read);
            offset += read;
            var flushed = await writer.FlushAsync(cancellationToken);
            if (flushed.IsCanceled || flushed.IsCompleted)
            {
                cancellationToken.ThrowIfCancellationRequested();
                throw new IOException("the client stopped reading");
            }
        }
    }

    private async Task WriteFailureAsync(HttpContext context, GatewayFailure failure)
    {
        metrics.Failure();
        if (failure.StatusCode >= 500)
        {
            logger.LogWarning("{Status} for {Path}: {Message}", failure.StatusCode, SafeForLog(context.Request.Path.Value), failure.Message);
        }

        if (context.Response.HasStarted)
        {
            context.Abort();
            return;
        }

        await WriteTextAsync(context, failure.StatusCode, failure.Body + "\n", "text/plain; charset=utf-8");
    }

    private static async Task WriteTextAsync(HttpContext context, int status, string text, string contentType)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = bytes.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
        }
    }

    private static string SafeForLog(string? path) =>
        path is null ? "" : new string(path.Take(300).Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
