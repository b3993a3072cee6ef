using System.Text.RegularExpressions;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Classification.Rules;

/// <summary>GD3003: the TCP connect got no answer (<c>dial tcp ip:443: i/o timeout</c>, <c>connect: connection timed out</c>).</summary>
public sealed partial class ConnectTimeoutRule : EndpointFailureRule
{
    protected override IReadOnlyList<string> Phrases { get; } = ["dial tcp"];

    protected override Regex Pattern => Timeout();

    protected override DiagnosticDescriptor Descriptor => DiagnosticCatalog.ConnectionTimedOut;

    protected override object?[] Arguments(Match match, EndpointContext context) =>
        [context.Endpoint(match.Groups["address"].Value), context.Subject,
            match.Groups["kind"].Value.Contains("i/o", StringComparison.Ordinal) ? "the dial timeout (i/o timeout)" : "the system's connect timeout (connection timed out)"];

    [GeneratedRegex(@"dial tcp (?<address>[^\s:]+(?::\d+)?|\[[^\]]+\]:\d+): (?<kind>i/o timeout|connect: connection timed out|connectex: A connection attempt failed)")]
    private static partial Regex Timeout();
}
