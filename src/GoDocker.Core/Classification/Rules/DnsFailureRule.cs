using System.Text.RegularExpressions;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Classification.Rules;

/// <summary>GD3001: a host name did not resolve (<c>lookup h on r:53: no such host</c>, DNS server unreachable, DNS timeout).</summary>
public sealed partial class DnsFailureRule : EndpointFailureRule
{
    protected override IReadOnlyList<string> Phrases { get; } = ["lookup "];

    protected override Regex Pattern => Lookup();

    protected override DiagnosticDescriptor Descriptor => DiagnosticCatalog.DnsLookupFailed;

    protected override object?[] Arguments(Match match, EndpointContext context)
    {
        var reason = match.Groups["reason"].Value.Trim();
        if (match.Groups["resolver"].Success)
        {
            reason += $" (DNS server {match.Groups["resolver"].Value})";
        }
        return [match.Groups["host"].Value, context.Subject, reason, context.Setting];
    }

    [GeneratedRegex(@"\blookup (?<host>[A-Za-z0-9][^\s:]*?)(?: on (?<resolver>[^\s]+?))?: (?<reason>(?:no such host|server misbehaving|i/o timeout|Temporary failure in name resolution|.*?(?:no route to host|network is unreachable|connection refused|i/o timeout)))")]
    private static partial Regex Lookup();
}
