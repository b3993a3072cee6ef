using GoDocker.Core.Diagnostics;
using GoDocker.ProxyGateway.Cache;
using GoDocker.ProxyGateway.Hosting;
using GoDocker.ProxyGateway.Protocol;
using Microsoft.Extensions.Logging;

namespace GoDocker.ProxyGateway.Serving;

/// <summary>The one place a changed pinned file becomes GD3050: counted, logged, and returned for the answer.</summary>
public sealed class ContentChangeReporter(GatewayMetrics metrics, ILogger logger)
{
    public Diagnostic Report(PinRecord pin, string newSha256, string? source, bool servingPinned)
    {
        metrics.ContentChanged();
        var (module, version) = ModuleRequestParser.ModuleVersionOf(pin.Key);
        var consequence = servingPinned
            ? "The gateway discarded the new bytes and keeps serving the pinned content."
            : "The pinned content was evicted from the cache, so the gateway refuses to serve this file rather than serve the new bytes.";
        var diagnostic = DiagnosticCatalog.PinnedContentChanged.Create(module, version, source ?? "(unknown)", pin.Key, newSha256, pin.Sha256, consequence);
        logger.LogWarning("{Code}: {Message} (security event: key {Key}, pinned {PinnedSha256}, offered {OfferedSha256})",
            diagnostic.Code, diagnostic.Message, pin.Key, pin.Sha256, newSha256);
        return diagnostic;
    }
}
