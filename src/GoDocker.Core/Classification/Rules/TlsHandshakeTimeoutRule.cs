using System.Text.RegularExpressions;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Classification.Rules;

/// <summary>GD3009: <c>net/http: TLS handshake timeout</c>, the TCP connect worked but the handshake stalled.</summary>
public sealed partial class TlsHandshakeTimeoutRule : EndpointFailureRule
{
    protected override IReadOnlyList<string> Phrases { get; } = ["TLS handshake timeout"];

    protected override Regex Pattern => HandshakeTimeout();

    protected override DiagnosticDescriptor Descriptor => DiagnosticCatalog.TlsHandshakeTimeout;

    protected override object?[] Arguments(Match match, EndpointContext context) =>
        [context.Url?.Host ?? "the server", context.Subject];

    [GeneratedRegex(@"net/http: TLS handshake timeout")]
    private static partial Regex HandshakeTimeout();
}
