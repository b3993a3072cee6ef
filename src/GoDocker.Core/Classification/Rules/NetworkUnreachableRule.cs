using System.Text.RegularExpressions;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Classification.Rules;

/// <summary>
/// GD3020: the connect failed before any packet left (<c>connect: network is unreachable</c>, <c>no route to host</c>,
/// <c>cannot assign requested address</c>, the errno of an IPv6 address in a container without IPv6). Not a
/// timeout or a refusal: the build's network has no path to the address at all.
/// </summary>
public sealed partial class NetworkUnreachableRule : EndpointFailureRule
{
    protected override IReadOnlyList<string> Phrases { get; } = ["unreachable", "no route to host", "cannot assign requested address"];

    protected override Regex Pattern => Unreachable();

    protected override DiagnosticDescriptor Descriptor => DiagnosticCatalog.NetworkUnreachable;

    protected override object?[] Arguments(Match match, EndpointContext context)
    {
        var address = match.Groups["address"].Value;
        var reason = match.Groups["kind"].Value;
        if (reason.Contains("assign", StringComparison.Ordinal) && address.StartsWith('['))
        {
            reason += "; the build container has no IPv6 address but the host name resolved to IPv6";
        }
        return [context.Endpoint(address), context.Subject, reason];
    }

    [GeneratedRegex(@"dial tcp (?<address>\[[^\]]+\]:\d+|[^\s:]+(?::\d+)?): connect: (?<kind>network is unreachable|no route to host|cannot assign requested address)")]
    private static partial Regex Unreachable();
}
