using System.Text.RegularExpressions;
using GoDocker.Core.Diagnostics;

namespace GoDocker.Core.Classification.Rules;

/// <summary>GD3004: <c>read tcp a->b: read: connection reset by peer</c>, typically a filtering middlebox.</summary>
public sealed partial class ConnectionResetRule : EndpointFailureRule
{
    protected override IReadOnlyList<string> Phrases { get; } = ["connection reset"];

    protected override Regex Pattern => Reset();

    protected override DiagnosticDescriptor Descriptor => DiagnosticCatalog.ConnectionReset;

    protected override object?[] Arguments(Match match, EndpointContext context) =>
        [context.Endpoint(match.Groups["address"].Success ? match.Groups["address"].Value : null), context.Subject];

    [GeneratedRegex(@"(?:read tcp [^\s]*->(?<address>[^\s:]+(?::\d+)?): )?(?:read: )?connection reset by peer")]
    private static partial Regex Reset();
}
