using System.Text.RegularExpressions;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Classification.Rules;

/// <summary>
/// GD3003: the TCP connect got no answer (<c>dial tcp ip:443: i/o timeout</c>, <c>connect: connection timed out</c>),
/// or the HTTP client gave up waiting (<c>Client.Timeout exceeded while awaiting headers</c>).
/// </summary>
public sealed partial class ConnectTimeoutRule : EndpointFailureRule
{
    protected override IReadOnlyList<string> Phrases { get; } = ["dial tcp", "read tcp", "Client.Timeout exceeded", "request canceled while waiting"];

    protected override Regex Pattern => Timeout();

    protected override DiagnosticDescriptor Descriptor => DiagnosticCatalog.ConnectionTimedOut;

    protected override object?[] Arguments(Match match, EndpointContext context) =>
        [context.Endpoint(match.Groups["address"].Success ? match.Groups["address"].Value : null), context.Subject, match.Groups["kind"].Value switch
        {
            var k when k.Contains("i/o", StringComparison.Ordinal) => "the dial timeout (i/o timeout)",
            var k when k.Contains("timed out", StringComparison.Ordinal) || k.Contains("connectex", StringComparison.Ordinal) => "the system's connect timeout (connection timed out)",
            _ => "the HTTP client's timeout, with no answer (Client.Timeout exceeded)",
        }];

    // Also the HTTP client's own timeouts, which carry no dial error: a silent network, not a version problem.
    // A bare "dial tcp: i/o timeout" (no address) and a read that timed out count too.
    [GeneratedRegex(@"dial tcp(?: (?<address>[^\s:]+(?::\d+)?|\[[^\]]+\]:\d+))?: (?<kind>i/o timeout|connect: connection timed out|connectex: A connection attempt failed)|read tcp \S*->(?<address>[^\s:]+(?::\d+)?|\[[^\]]+\]:\d+): (?<kind>i/o timeout)|(?<kind>net/http: request canceled while waiting for connection|Client\.Timeout exceeded while awaiting headers)")]
    private static partial Regex Timeout();
}
