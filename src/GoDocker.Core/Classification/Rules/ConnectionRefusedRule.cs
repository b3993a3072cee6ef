using System.Text.RegularExpressions;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Classification.Rules;

/// <summary>GD3002: <c>dial tcp ip:port: connect: connection refused</c> (Windows: actively refused).</summary>
public sealed partial class ConnectionRefusedRule : EndpointFailureRule
{
    protected override IReadOnlyList<string> Phrases { get; } = ["refused"];

    protected override Regex Pattern => Refused();

    protected override DiagnosticDescriptor Descriptor => DiagnosticCatalog.ConnectionRefused;

    protected override object?[] Arguments(Match match, EndpointContext context) =>
        [context.Endpoint(match.Groups["address"].Value), context.Subject, context.Setting];

    [GeneratedRegex(@"dial tcp (?<address>[^\s]+): (?:connect: connection refused|connectex: No connection could be made because the target machine actively refused it)")]
    private static partial Regex Refused();
}
